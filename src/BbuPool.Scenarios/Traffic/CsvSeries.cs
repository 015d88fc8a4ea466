namespace BbuPool.Scenarios.Traffic;

/// <summary>One cell's rows of a CSV trace, in time order. Mcs/ActiveUes are null when the file has no such column.</summary>
/// <param name="Times">Row times, seconds, strictly increasing.</param>
/// <param name="Utilisation">PRB utilisation per row.</param>
/// <param name="Mcs">Mean MCS per row, or null.</param>
/// <param name="ActiveUes">Active UEs per row, or null.</param>
internal sealed record CsvSeries(double[] Times, double[] Utilisation, double[]? Mcs, double[]? ActiveUes);
