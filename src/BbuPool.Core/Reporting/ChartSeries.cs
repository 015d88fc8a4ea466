namespace BbuPool.Core.Reporting;

/// <summary>One line (and/or set of markers) of an <see cref="SvgChart"/>.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Colour">CSS colour.</param>
/// <param name="Points">(x, y) points; non-finite ones, and non-positive ones on a log axis, are skipped.</param>
/// <param name="Line">Join the points with a line.</param>
/// <param name="Markers">Draw a marker at each point.</param>
/// <param name="Dash">SVG stroke-dasharray ("none" for solid).</param>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<(double X, double Y)> Points, bool Line = true, bool Markers = true, string Dash = "none");
