namespace BbuPool.Migration.Benchmarking;

/// <summary>Nearest-rank percentiles, as the benchmark tables report them.</summary>
public static class Percentiles
{
    /// <summary>
    /// The nearest-rank <paramref name="q"/> quantile (0..1) of <paramref name="values"/>; NaN when
    /// empty. With fewer than 100 samples p99 is the maximum: the tables print the count beside it.
    /// </summary>
    public static double Of(IReadOnlyCollection<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        int i = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(i, 0, sorted.Length - 1)];
    }

    /// <summary>The median (nearest rank).</summary>
    public static double Median(IReadOnlyCollection<double> values) => Of(values, 0.5);
}
