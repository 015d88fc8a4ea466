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
/// <param name="SetP99Microseconds">99th percentile of the same, the baseline of <paramref name="CasP99Microseconds"/>.</param>
/// <param name="ServerCpuMicrosecondsPerUpdate">redis-server CPU time per single-move plan in the pipelined run (INFO cpu): what the script costs the server, whatever else the machine runs.</param>
/// <param name="ClientCpuMicrosecondsPerUpdate">This process's CPU time per single-move plan in the same run (building the plans included).</param>
/// <param name="ServerCpuMicrosecondsPerRawSet">redis-server CPU time per pipelined SET.</param>
/// <param name="ClientCpuMicrosecondsPerRawSet">This process's CPU time per pipelined SET.</param>
/// <param name="EmbeddedUpdatesPerSecond">The embedded store (the default without Redis): the same single-move plans through CommitPlansAsync, per second.</param>
/// <param name="EmbeddedCasP50Microseconds">The embedded store: median of one plan commit.</param>
/// <param name="EmbeddedCasP99Microseconds">The embedded store: 99th percentile of one plan commit.</param>
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
    double SetP99Microseconds,
    double ServerCpuMicrosecondsPerUpdate,
    double ClientCpuMicrosecondsPerUpdate,
    double ServerCpuMicrosecondsPerRawSet,
    double ClientCpuMicrosecondsPerRawSet,
    double EmbeddedUpdatesPerSecond,
    double EmbeddedCasP50Microseconds,
    double EmbeddedCasP99Microseconds,
    int LatencySamples);
