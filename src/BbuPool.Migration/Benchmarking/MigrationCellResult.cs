using BbuPool.Core.Migration;
using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Benchmarking;

/// <summary>The figures of one (method, size, load) cell.</summary>
public sealed record MigrationCellResult
{
    /// <summary>Method.</summary>
    public MigrationMethod Method { get; init; }

    /// <summary>State size in MiB.</summary>
    public int SizeMiB { get; init; }

    /// <summary>Load 0..1.</summary>
    public double Load { get; init; }

    /// <summary>Migrations planned for the cell.</summary>
    public int Planned { get; init; }

    /// <summary>Migrations attempted (below <see cref="Planned"/> when the cell time cap stopped it).</summary>
    public int Runs { get; init; }

    /// <summary>Migrations committed: the percentiles are over these.</summary>
    public int Committed { get; init; }

    /// <summary>Migrations abandoned under the watchdog: no result within the per-migration limit, and the ends did not unwind after a cancel (one that unwound counts as a failure only).</summary>
    public int TimedOut { get; init; }

    /// <summary>Why runs did not commit: reason to count.</summary>
    public IReadOnlyDictionary<string, int> Failures { get; init; } = new Dictionary<string, int>();

    /// <summary>Why the cell ran fewer than planned, else null.</summary>
    public string? StoppedEarly { get; init; }

    /// <summary>Median total time (ms), committed runs.</summary>
    public double TotalMsP50 { get; init; }

    /// <summary>99th percentile total time (ms; nearest rank, the maximum under 100 runs).</summary>
    public double TotalMsP99 { get; init; }

    /// <summary>Median downtime (us).</summary>
    public double DowntimeUsP50 { get; init; }

    /// <summary>99th percentile downtime (us; nearest rank, the maximum when fewer than 100 runs).</summary>
    public double DowntimeUsP99 { get; init; }

    /// <summary>Mean bytes on the wire per attempted migration.</summary>
    public double BytesOnWire { get; init; }

    /// <summary>Missed TTIs over all runs.</summary>
    public long MissedTtis { get; init; }

    /// <summary>
    /// Garbage collections in this process while the cell ran (all generations). Every collection
    /// suspends the TTI threads too, real-time or not, so this is read beside the missed TTIs.
    /// </summary>
    public int GcCollections { get; init; }

    /// <summary>Managed bytes allocated per migration (mean over the cell's runs): what feeds the GC.</summary>
    public double AllocatedBytesPerRun { get; init; }

    /// <summary>Total GC pause while the cell ran (ms).</summary>
    public double GcPauseMs { get; init; }

    /// <summary>
    /// Methods the JIT compiled in this process while the cell ran: its background thread competes
    /// for the same 2 cores, so a cell measured while it was busy says so here.
    /// </summary>
    public long JitMethods { get; init; }

    /// <summary>
    /// Time the JIT spent compiling while the cell ran (ms, all threads; wall time of each compile,
    /// so a compiling thread preempted by the stack threads counts the wait too).
    /// </summary>
    public double JitMs { get; init; }

    /// <summary>
    /// Per phase the source entered, the median of when it did (ms from the migration's start, over
    /// committed runs; a phase entered twice counts its first time): where a cell's time went.
    /// </summary>
    public IReadOnlyDictionary<MigrationPhase, double> PhaseMsP50 { get; init; } = new Dictionary<MigrationPhase, double>();

    /// <summary>CPU time the hypervisor stole from this VM while the cell ran, all vCPUs (ms; NaN: not known): a stolen stretch stalls a TTI thread as surely as a busy core.</summary>
    public double StealMs { get; init; } = double.NaN;

    /// <summary>The cell's missed TTIs by end and by the source's phase when each TTI's slot began, with how late they woke and how long they ran.</summary>
    public IReadOnlyList<PhaseMisses> MissesByPhase { get; init; } = [];

    /// <summary>Missed TTIs not in <see cref="MissesByPhase"/>: a host's log keeps its last 255 misses per migration.</summary>
    public long MissedUnplaced => MissedTtis - MissesByPhase.Sum(m => (long)m.Missed);

    /// <summary>
    /// TTIs the active stack missed before each measured migration, from the previous one's
    /// measurement (the discarded first one's included) to this one's start: settling, freeing the
    /// old image, the link set-up when pairs are not opened ahead, and a failed migration's source
    /// catching up after it resumed. In no migration's count and in no target, but the running
    /// stack's all the same.
    /// </summary>
    public long MissedBetween { get; init; }

    /// <summary>Wall time of those stretches between migrations (ms), the exposure of <see cref="MissedBetween"/>.</summary>
    public double BetweenMs { get; init; }

    /// <summary>
    /// Wall time of the measured migrations that gave an outcome, each from the source's start to
    /// the later end's finish (ms): the exposure of <see cref="MissedTtis"/>.
    /// </summary>
    public double MigratingMs { get; init; }

    /// <summary>
    /// Migrations whose link pair was opened just before them, beside the running stack, because
    /// preparing the cell's pairs stopped early (<see cref="LinkPrepareFailure"/>); 0 when every
    /// pair was opened ahead, or when the run opens each pair before its migration anyway.
    /// </summary>
    public int LinksOpenedOnDemand { get; init; }

    /// <summary>Why the cell's link pairs were not all opened ahead (null: they were).</summary>
    public string? LinkPrepareFailure { get; init; }

    /// <summary>Missed TTIs per second of migration (NaN when none was timed).</summary>
    public double MissedPerSecondMigrating => MissRate.PerSecond(MissedTtis, MigratingMs);

    /// <summary>Missed TTIs per second between migrations (NaN when none was timed).</summary>
    public double MissedPerSecondBetween => MissRate.PerSecond(MissedBetween, BetweenMs);

    /// <summary>Median pre-copy rounds.</summary>
    public double Rounds { get; init; }

    /// <summary>Page bandwidth measured by the source (bytes/s, median).</summary>
    public double MeasuredBytesPerSecond { get; init; }

    /// <summary>The cost model's prediction for this cell with the measured bandwidth and dirty rate.</summary>
    public MigrationEstimate Predicted { get; init; }

    /// <summary>Dirty rate measured before the first run (bytes/s).</summary>
    public double DirtyBytesPerSecond { get; init; }

    /// <summary>Bytes of the pages the stack had written, read after the dirty-rate probe (a warm-up cell: after its warm TTIs); the model's state to carry.</summary>
    public long TouchedBytes { get; init; }

    /// <summary>Median TTI compute over the period, of every TTI the stack had run when <see cref="TouchedBytes"/> was read (the model's CPU intensity).</summary>
    public double TtiBusyFraction { get; init; }

    /// <summary>Wall time of the cell (s).</summary>
    public double Seconds { get; init; }

    /// <summary>Migrations that did not commit.</summary>
    public int Failed => Runs - Committed;
}
