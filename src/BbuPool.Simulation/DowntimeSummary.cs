namespace BbuPool.Simulation;

/// <summary>Percentiles of migration downtime, µs.</summary>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest.</param>
public readonly record struct DowntimeSummary(double P50, double P99, double Max)
{
    /// <summary>Nearest-rank percentiles of <paramref name="values"/> (sorted in place); zeros when empty.</summary>
    public static DowntimeSummary From(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return default;
        }

        values.Sort();
        return new DowntimeSummary(Rank(values, 0.50), Rank(values, 0.99), values[^1]);
    }

    private static double Rank(List<double> sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
