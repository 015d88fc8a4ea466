using BbuPool.Migration.Model;

namespace BbuPool.Migration.Benchmarking;

/// <summary>One pre-copy run for seed 003's curve: measured live time against the law's prediction.</summary>
/// <param name="Load">Load.</param>
/// <param name="SizeMiB">State size.</param>
/// <param name="DirtyPagesPerSecond">Dirty rate delta measured before the run (pages/s).</param>
/// <param name="CopyPagesPerSecond">Copy rate mu measured over the run's rounds (pages/s).</param>
/// <param name="MeasuredSeconds">Live rounds' duration (the stopped round left out).</param>
/// <param name="LawSeconds">T = N/delta ln(mu/(mu - delta)) (infinite past the cliff delta &gt;= mu).</param>
/// <param name="Rounds">Rounds run (round 0 and the stopped round included).</param>
public sealed record ConvergencePoint(double Load, int SizeMiB, double DirtyPagesPerSecond, double CopyPagesPerSecond, double MeasuredSeconds, double LawSeconds, int Rounds)
{
    /// <summary>Pages of state, N.</summary>
    public double Pages => SizeMiB * 256.0;

    /// <summary>delta / mu, the x axis of the curve (NaN when mu was not measured).</summary>
    public double Ratio => CopyPagesPerSecond > 0 ? DirtyPagesPerSecond / CopyPagesPerSecond : double.NaN;

    /// <summary>Measured live time in units of one full copy (T mu / N).</summary>
    public double NormalisedMeasured => CopyPagesPerSecond > 0 ? MeasuredSeconds * CopyPagesPerSecond / Pages : double.NaN;

    /// <summary>The law in units of one full copy: -ln(1 - rho) / rho.</summary>
    public double NormalisedLaw => CopyPagesPerSecond > 0 ? LawSeconds * CopyPagesPerSecond / Pages : double.NaN;

    /// <summary>The discrete rounds the engine ran, as the law's geometric series predicts them: sum of N rho^i / mu over the live rounds.</summary>
    public double DiscreteSeconds => CopyPagesPerSecond > 0
        ? PrecopyLaw.RoundsSeconds(Pages, Ratio, CopyPagesPerSecond, Math.Max(1, Rounds - 1))
        : double.NaN;

    /// <summary>The law's curve in units of one full copy at <paramref name="ratio"/> (1 at 0, infinite at 1).</summary>
    public static double NormalisedLawAt(double ratio) => PrecopyLaw.ConvergenceSeconds(1, ratio, 1);
}
