namespace BbuPool.StatePlane;

/// <summary>The whole pool at one moment (read in one pipelined pass; not a transaction across all keys).</summary>
/// <param name="Nodes">Every registered node, by id.</param>
/// <param name="Placements">Every placement, by cell id.</param>
/// <param name="Migrations">Every migration record, by id.</param>
/// <param name="Lease">The leader lease, or null when nobody holds it.</param>
/// <param name="LastEventId">The newest event id, or null when the stream is empty.</param>
public sealed record PoolSnapshot(
    IReadOnlyList<NodeStatus> Nodes,
    IReadOnlyList<Placement> Placements,
    IReadOnlyList<MigrationEntry> Migrations,
    LeaderLease? Lease,
    string? LastEventId);
