using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>What `bbupool bench migration` measures.</summary>
public sealed class MigrationBenchmarkOptions
{
    /// <summary>The size the 2 GiB flag (`--set large=1`) adds, in MiB (seed 002's largest state is ~2000 MB).</summary>
    public const int LargeSizeMiB = 2048;

    /// <summary>Methods to run.</summary>
    public IReadOnlyList<MigrationMethod> Methods { get; set; } =
    [
        MigrationMethod.StopAndCopy, MigrationMethod.Precopy, MigrationMethod.Postcopy, MigrationMethod.Hybrid,
        MigrationMethod.Redundancy, MigrationMethod.HotStandby, MigrationMethod.Stateless,
    ];

    /// <summary>State sizes in MiB (issue: 4, 20, 40, 256 and 64 for the pre-copy target; 2048 behind a flag).</summary>
    public IReadOnlyList<int> SizesMiB { get; set; } = [4, 20, 40, 64, 256];

    /// <summary>Loads (PRB utilisation).</summary>
    public IReadOnlyList<double> Loads { get; set; } = [0.1, 0.3, 0.7];

    /// <summary>Cells run in addition to the grid (quick mode adds the target cells here).</summary>
    public IReadOnlyList<BenchmarkCell> ExtraCells { get; set; } = [];

    /// <summary>Migrations per cell up to <see cref="FullRepetitionsUpToMiB"/> (the issue asks for at least 50 for p99).</summary>
    public int Repetitions { get; set; } = 50;

    /// <summary>
    /// Largest size that gets all <see cref="Repetitions"/>; above it the count scales down with
    /// size (50 x 64 MiB = 3.2 GiB moved per cell), so a 256 MiB cell runs 12 and a 2 GiB cell
    /// <see cref="MinRepetitions"/>. The count run is printed in the table and the JSON.
    /// </summary>
    public int FullRepetitionsUpToMiB { get; set; } = 64;

    /// <summary>Fewest migrations per cell, whatever the size or the time cap.</summary>
    public int MinRepetitions { get; set; } = 5;

    /// <summary>
    /// A cell stops after this long once it has <see cref="MinRepetitions"/> runs (the shortfall is
    /// recorded as the cell's stop reason): bounds the full run on a loaded 2-core machine.
    /// </summary>
    public TimeSpan MaxCellTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Fewest discarded runs per method (4 and 20 MiB, the plan's loads) before measuring (0: no
    /// warm-up). More follow, up to <see cref="WarmupMaxRepetitions"/>, until the JIT is quiet
    /// (<see cref="MethodWarmup"/>).
    /// </summary>
    public int WarmupRepetitions { get; set; } = 5;

    /// <summary>Most discarded runs per method: 300 covers the ~180 this machine needed to go quiet.</summary>
    public int WarmupMaxRepetitions { get; set; } = 300;

    /// <summary>The warm-up's quiet window (run in two batches): this many of the latest warm-up migrations...</summary>
    public int WarmupQuietWindow { get; set; } = 20;

    /// <summary>...compiled at most this many methods (after ~180 migrations here: 0-6 per 20).</summary>
    public int WarmupQuietMethods { get; set; } = 10;

    /// <summary>TTIs the stack runs before each migration (fills the working set).</summary>
    public int WarmTtis { get; set; } = 20;

    /// <summary>TTIs the destination must run after commit before the next migration starts.</summary>
    public int SettleTtis { get; set; } = 5;

    /// <summary>Downtime budget for pre-copy's stop rule.</summary>
    public TimeSpan DowntimeBudget { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Pages per pages frame (protocol default 64).</summary>
    public int BatchPages { get; set; } = 64;

    /// <summary>
    /// Open each cell's link pairs before its stack starts, one per planned migration and one for
    /// the discarded first (true), or each just before its migration (false: link set-up then
    /// runs beside the live stack).
    /// </summary>
    public bool PrepareLinks { get; set; } = true;

    /// <summary>Pin the stack threads: source and destination stack to cores 0 and 1.</summary>
    public bool Pin { get; set; }

    /// <summary>
    /// SCHED_FIFO priority for both stack threads (null: ordinary policy). 50 when asked without a
    /// value: above every ordinary thread, below the kernel's per-core threads at 99.
    /// </summary>
    public int? RealtimePriority { get; set; }

    /// <summary>Per-migration limit: this base plus <see cref="MigrationTimeoutPerMiB"/> per MiB of state.</summary>
    public TimeSpan MigrationTimeoutBase { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Per-MiB part of the per-migration limit (0.25 s/MiB: 4 MB/s, far below any healthy run).</summary>
    public TimeSpan MigrationTimeoutPerMiB { get; set; } = TimeSpan.FromSeconds(0.25);

    /// <summary>
    /// How long a lone stack runs per load before the cells, the control the missed TTIs are read
    /// against (<see cref="IdleStackMisses"/>; zero: no control).
    /// </summary>
    public TimeSpan ControlDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes pushed per round when measuring the link's own bandwidth (0: skip the measurement).</summary>
    public long LinkProbeBytes { get; set; } = 64L << 20;

    /// <summary>Migrations planned for a cell of <paramref name="sizeMiB"/>.</summary>
    public int RepetitionsFor(int sizeMiB)
    {
        if (sizeMiB <= FullRepetitionsUpToMiB)
        {
            return Repetitions;
        }

        int scaled = (int)(Repetitions * (double)FullRepetitionsUpToMiB / sizeMiB);
        return Math.Min(Repetitions, Math.Max(MinRepetitions, scaled));
    }

    /// <summary>The per-migration limit for a state of <paramref name="sizeMiB"/>.</summary>
    public TimeSpan MigrationTimeoutFor(int sizeMiB) => MigrationTimeoutBase + (MigrationTimeoutPerMiB * sizeMiB);

    /// <summary>Every cell to run, grid first (size, load, method), then the extra cells not in it.</summary>
    public IReadOnlyList<BenchmarkCell> Plan()
    {
        var cells = new List<BenchmarkCell>();
        foreach (int size in SizesMiB)
        {
            foreach (double load in Loads)
            {
                foreach (var method in Methods)
                {
                    cells.Add(new BenchmarkCell(method, size, load, RepetitionsFor(size)));
                }
            }
        }

        foreach (var extra in ExtraCells)
        {
            if (!cells.Exists(c => c.Method == extra.Method && c.SizeMiB == extra.SizeMiB && Math.Abs(c.Load - extra.Load) < 1e-9))
            {
                cells.Add(extra with { Repetitions = extra.Repetitions > 0 ? extra.Repetitions : RepetitionsFor(extra.SizeMiB) });
            }
        }

        return cells;
    }
}
