namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The control of a run: one stack alone on the TTI clock, no migration, same process and thread
/// policy, at one load. The missed-TTI figures of the cells are read against it: on a 2-core VM a
/// lone SCHED_FIFO stack at 30 % load missed 60 of 20,004 TTIs in 20 s with nothing else running.
/// </summary>
/// <param name="Load">The stack's load.</param>
/// <param name="Ttis">TTIs it ran.</param>
/// <param name="Missed">TTIs that missed their deadline.</param>
public sealed record IdleStackMisses(double Load, long Ttis, long Missed)
{
    /// <summary>CPU time the hypervisor stole from this VM meanwhile, all vCPUs (ms; NaN: not known).</summary>
    public double StealMs { get; init; } = double.NaN;

    /// <summary>Wall time the stack ran alone (ms; NaN: not known).</summary>
    public double Milliseconds { get; init; } = double.NaN;

    /// <summary>Missed TTIs per 1,000 (NaN when none ran).</summary>
    public double PerThousand => Ttis > 0 ? Missed * 1000.0 / Ttis : double.NaN;

    /// <summary>Missed TTIs per second of wall time (NaN when not known).</summary>
    public double PerSecond => MissRate.PerSecond(Missed, Milliseconds);

    /// <summary>The misses this rate predicts over <paramref name="milliseconds"/> of the same machine (NaN when not known).</summary>
    public double ExpectedOver(double milliseconds) => PerSecond * milliseconds / 1000;
}
