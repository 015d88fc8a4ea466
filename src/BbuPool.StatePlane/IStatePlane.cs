using BbuPool.Core.Model;

namespace BbuPool.StatePlane;

/// <summary>
/// The pool's shared truth: nodes and heartbeats, versioned placements committed as atomic plans,
/// migration records, rolling load samples, the leader lease with its fencing token, and an event
/// stream. Two implementations with one semantics: Embedded (in-process, the default) and Redis.
/// Every member may throw <see cref="StatePlaneUnavailableException"/> when the store cannot be
/// reached; <see cref="StatePlaneRetry"/> retries those with backoff.
/// </summary>
public interface IStatePlane : IAsyncDisposable
{
    /// <summary>"embedded" or "redis HOST:PORT".</summary>
    string Description { get; }

    /// <summary>Registers a node (or replaces its registration); its state becomes Up unless it was set before.</summary>
    ValueTask RegisterNodeAsync(NodeSpec node, CancellationToken cancellationToken = default);

    /// <summary>Records a heartbeat that keeps the node alive for <paramref name="timeToLive"/>.</summary>
    ValueTask HeartbeatAsync(string nodeId, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Sets a registered node's administrative state; false when the node is not registered.</summary>
    ValueTask<bool> SetNodeStateAsync(string nodeId, NodeState state, CancellationToken cancellationToken = default);

    /// <summary>Every registered node with its state and liveness, ordered by id.</summary>
    ValueTask<IReadOnlyList<NodeStatus>> GetNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>The cell's placement, or null when it has none.</summary>
    ValueTask<Placement?> GetPlacementAsync(string cellId, CancellationToken cancellationToken = default);

    /// <summary>Every placement, ordered by cell id.</summary>
    ValueTask<IReadOnlyList<Placement>> GetPlacementsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits a plan atomically: all moves apply only if the plan id is new, the fencing token is
    /// the current lease's (or 0 with no lease held) and every expected version matches. One round trip.
    /// </summary>
    ValueTask<CommitResult> CommitPlanAsync(PlacementPlan plan, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits many plans in order, pipelined (one network flush, not one round trip each). Each plan
    /// is atomic on its own; a later plan sees the earlier ones' versions. Results are in plan order.
    /// </summary>
    ValueTask<IReadOnlyList<CommitResult>> CommitPlansAsync(IReadOnlyList<PlacementPlan> plans, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a migration record if the phase change is legal (see <see cref="MigrationTransitions"/>);
    /// false, and nothing written, when it is not.
    /// </summary>
    ValueTask<bool> RecordMigrationAsync(MigrationEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The migration record, or null.</summary>
    ValueTask<MigrationEntry?> GetMigrationAsync(string migrationId, CancellationToken cancellationToken = default);

    /// <summary>Appends load samples (pipelined); each cell keeps only its newest <see cref="StatePlaneOptions.LoadWindow"/> samples.</summary>
    ValueTask AppendLoadSamplesAsync(IReadOnlyList<CellLoadSample> samples, CancellationToken cancellationToken = default);

    /// <summary>The cell's newest samples, newest first, at most <paramref name="max"/>.</summary>
    ValueTask<IReadOnlyList<CellLoadSample>> GetLoadSamplesAsync(string cellId, int max, CancellationToken cancellationToken = default);

    /// <summary>Acquires the leader lease for <paramref name="timeToLive"/> if nobody holds it; null when someone does (even the same holder).</summary>
    ValueTask<LeaderLease?> TryAcquireLeaseAsync(string holder, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Extends a held lease; null when it was lost (expired, or someone else holds it now). The token does not change.</summary>
    ValueTask<LeaderLease?> RenewLeaseAsync(LeaderLease lease, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Releases the lease if it is still this one; false when it was already lost.</summary>
    ValueTask<bool> ReleaseLeaseAsync(LeaderLease lease, CancellationToken cancellationToken = default);

    /// <summary>The current lease, or null when nobody holds it.</summary>
    ValueTask<LeaderLease?> GetLeaseAsync(CancellationToken cancellationToken = default);

    /// <summary>Events after <paramref name="afterId"/> (null = from the oldest kept), oldest first, at most <paramref name="max"/>.</summary>
    ValueTask<IReadOnlyList<StateEvent>> ReadEventsAsync(string? afterId, int max, CancellationToken cancellationToken = default);

    /// <summary>The whole pool: nodes, placements, migrations, lease, newest event id.</summary>
    ValueTask<PoolSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);
}
