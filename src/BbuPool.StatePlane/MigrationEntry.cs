namespace BbuPool.StatePlane;

/// <summary>One migration of a cell's stack between nodes, with its timestamps and figures.</summary>
/// <param name="MigrationId">Unique id.</param>
/// <param name="CellId">The cell being moved.</param>
/// <param name="SourceNodeId">Where it runs before.</param>
/// <param name="TargetNodeId">Where it runs after.</param>
/// <param name="Method">Migration method name (pre-copy, post-copy, hybrid, hot-standby, ...).</param>
/// <param name="Phase">Where in its life the migration is.</param>
/// <param name="PlannedAt">When it was decided.</param>
/// <param name="StartedAt">When copying began.</param>
/// <param name="EndedAt">When it committed or aborted.</param>
/// <param name="DowntimeMicroseconds">Measured or modelled downtime.</param>
/// <param name="BytesTransferred">State bytes sent.</param>
/// <param name="Reason">Why it was planned or why it aborted.</param>
public sealed record MigrationEntry(
    string MigrationId,
    string CellId,
    string SourceNodeId,
    string TargetNodeId,
    string Method,
    MigrationPhase Phase,
    DateTimeOffset PlannedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    double? DowntimeMicroseconds = null,
    long? BytesTransferred = null,
    string? Reason = null);
