namespace BbuPool.Core.Migration;

/// <summary>What a migration cost model needs to know about one move.</summary>
/// <param name="StateBytes">Size of the stack's state image.</param>
/// <param name="DirtyBytesPerSecond">How fast the running stack rewrites its state.</param>
/// <param name="LinkBytesPerSecond">Bandwidth available to this migration on the link.</param>
/// <param name="TtiSeconds">The stack's TTI (LTE 1 ms; NR 1/2^numerology ms).</param>
/// <param name="Method">Requested method; <see cref="MigrationMethod.Auto"/> lets the model choose.</param>
/// <param name="DowntimeBudgetSeconds">Largest acceptable downtime.</param>
/// <param name="Stateful">False for stateless stacks (no state to move).</param>
public readonly record struct MigrationRequest(
    long StateBytes,
    double DirtyBytesPerSecond,
    double LinkBytesPerSecond,
    double TtiSeconds,
    MigrationMethod Method,
    double DowntimeBudgetSeconds,
    bool Stateful)
{
    /// <summary>
    /// Bytes of the pages the stack has ever written; 0 when unknown (the whole state is charged).
    /// The rest are still the zeros of the allocation: a migration elides them on the wire and a
    /// checkpoint skips them. Charging the reference stack's whole image, the model predicted a
    /// median 2.14x the bytes its migrations moved (worst 3.27x; docs/migration.md).
    /// </summary>
    public long TouchedBytes { get; init; }

    /// <summary>
    /// Share of each TTI the stack spends computing (0..1; seed 004's CPU intensity); 0 when
    /// unknown (the model's calibrated slack and replay speed-up apply). A busier stack has less
    /// slack to absorb a stall, and its replica replays buffered TTIs more slowly (one TTI per
    /// compute time, so 1/busy times real time).
    /// </summary>
    public double TtiBusyFraction { get; init; }
}
