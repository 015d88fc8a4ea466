namespace BbuPool.Migration.Benchmarking;

/// <summary>Everything `bbupool bench migration` measured in one run.</summary>
public sealed record MigrationBenchmarkReport
{
    /// <summary>Transport used.</summary>
    public string Transport { get; init; } = string.Empty;

    /// <summary>Per cell.</summary>
    public IReadOnlyList<MigrationCellResult> Cells { get; init; } = [];

    /// <summary>Seed 003 curve points (pre-copy runs).</summary>
    public IReadOnlyList<ConvergencePoint> Convergence { get; init; } = [];

    /// <summary>Wall time of the benchmark (s).</summary>
    public double Seconds { get; init; }
}
