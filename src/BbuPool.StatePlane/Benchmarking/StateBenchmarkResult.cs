namespace BbuPool.StatePlane.Benchmarking;

/// <summary>Figures of one `bbupool bench state` run, all measured in the same run against the same server.</summary>
/// <param name="Endpoint">The Redis measured.</param>
/// <param name="ValueBytes">Size of one encoded placement (the raw SETs use the same size).</param>
/// <param name="Plans">Plans committed per pipelined measurement.</param>
/// <param name="PlacementUpdatesPerSecond">Single-move plans (one Lua CAS each) pipelined, per second.</param>
/// <param name="UpdatesWithoutEventsPerSecond">The same with <see cref="StatePlaneOptions.EmitPlanEvents"/> off (no XADD per commit).</param>
/// <param name="BatchedUpdatesPerSecond">Moves per second when each plan carries <see cref="MovesPerBatchedPlan"/> moves.</param>
/// <param name="MovesPerBatchedPlan">Moves per plan in the batched figure.</param>
/// <param name="RawSetPerSecond">Pipelined plain SETs of the same value size, per second (the ceiling).</param>
/// <param name="CasP50Microseconds">Median latency of one plan commit (one round trip, nothing else in flight).</param>
/// <param name="CasP99Microseconds">99th percentile of the same.</param>
/// <param name="SetP50Microseconds">Median latency of one plain SET, the round-trip floor.</param>
/// <param name="LatencySamples">Commits timed for the percentiles.</param>
public sealed record StateBenchmarkResult(
    string Endpoint,
    int ValueBytes,
    int Plans,
    double PlacementUpdatesPerSecond,
    double UpdatesWithoutEventsPerSecond,
    double BatchedUpdatesPerSecond,
    int MovesPerBatchedPlan,
    double RawSetPerSecond,
    double CasP50Microseconds,
    double CasP99Microseconds,
    double SetP50Microseconds,
    int LatencySamples);
