using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>What `bbupool bench migration` measures.</summary>
public sealed class MigrationBenchmarkOptions
{
    /// <summary>Methods to run.</summary>
    public IReadOnlyList<MigrationMethod> Methods { get; set; } =
    [
        MigrationMethod.StopAndCopy, MigrationMethod.Precopy, MigrationMethod.Postcopy, MigrationMethod.Hybrid,
        MigrationMethod.Redundancy, MigrationMethod.HotStandby, MigrationMethod.Stateless,
    ];

    /// <summary>State sizes in MiB (issue: 4, 20, 40, 256; 2048 behind a flag).</summary>
    public IReadOnlyList<int> SizesMiB { get; set; } = [4, 20, 40, 256];

    /// <summary>Loads (PRB utilisation).</summary>
    public IReadOnlyList<double> Loads { get; set; } = [0.1, 0.3, 0.7];

    /// <summary>Migrations per cell (the issue asks for at least 50 for p99).</summary>
    public int Repetitions { get; set; } = 50;

    /// <summary>Discarded runs per method (4 MiB, 30 %) before measuring, so the JIT has tiered up.</summary>
    public int WarmupRepetitions { get; set; } = 5;

    /// <summary>TTIs the stack runs before each migration (fills the working set).</summary>
    public int WarmTtis { get; set; } = 20;

    /// <summary>TTIs the destination must run after commit before the next migration starts.</summary>
    public int SettleTtis { get; set; } = 5;

    /// <summary>Downtime budget for pre-copy's stop rule.</summary>
    public TimeSpan DowntimeBudget { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Pages per pages frame (protocol default 64).</summary>
    public int BatchPages { get; set; } = 64;

    /// <summary>Pin the stack threads: source and destination stack to cores 0 and 1.</summary>
    public bool Pin { get; set; }
}
