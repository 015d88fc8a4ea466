namespace BbuPool.Migration.Benchmarking;

/// <summary>One pre-copy run for seed 003's curve: measured live time against the law's prediction.</summary>
/// <param name="Load">Load.</param>
/// <param name="SizeMiB">State size.</param>
/// <param name="DirtyPagesPerSecond">Dirty rate delta measured in the rounds (pages/s).</param>
/// <param name="CopyPagesPerSecond">Copy rate mu measured in the rounds (pages/s).</param>
/// <param name="MeasuredSeconds">Live rounds' duration.</param>
/// <param name="LawSeconds">T = N/delta ln(mu/(mu - delta)).</param>
/// <param name="Rounds">Rounds run.</param>
public readonly record struct ConvergencePoint(double Load, int SizeMiB, double DirtyPagesPerSecond, double CopyPagesPerSecond, double MeasuredSeconds, double LawSeconds, int Rounds);
