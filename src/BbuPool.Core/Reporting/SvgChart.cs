using System.Globalization;
using System.Net;
using System.Text;

namespace BbuPool.Core.Reporting;

/// <summary>
/// A small x-y chart as inline SVG (no script, no external asset), linear or log axes, several
/// series: the simulation report's timeline and the migration benchmark's figures (downtime spans
/// 10 us to seconds, hence log axes) both draw with it.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 340;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 28;
    private const int Bottom = 48;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Appends one chart (an &lt;svg&gt; element and its legend) to <paramref name="sb"/>.</summary>
    public static void Append(StringBuilder sb, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX = false, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(series);
        var visible = series
            .Select(s => s with { Points = s.Points.Where(p => Usable(p.X, logX) && Usable(p.Y, logY)).OrderBy(p => p.X).ToList() })
            .Where(s => s.Points.Count > 0)
            .ToList();
        sb.Append(Inv, $"<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Enc(title)}\">");
        sb.Append(Inv, $"<text x=\"{Width / 2}\" y=\"16\" font-size=\"13\" text-anchor=\"middle\" font-weight=\"bold\">{Enc(title)}</text>");
        if (visible.Count == 0)
        {
            sb.Append(Inv, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" font-size=\"12\" text-anchor=\"middle\">no data in this run</text></svg></figure>");
            return;
        }

        var xs = visible.SelectMany(s => s.Points.Select(p => p.X)).ToList();
        var ys = visible.SelectMany(s => s.Points.Select(p => p.Y)).ToList();
        var (x0, x1) = Range(xs.Min(), xs.Max(), logX, zeroFloor: false);
        var (y0, y1) = Range(ys.Min(), ys.Max(), logY, zeroFloor: true);
        double X(double v) => Left + ((Width - Left - Right) * (Scale(v, logX) - Scale(x0, logX)) / (Scale(x1, logX) - Scale(x0, logX)));
        double Y(double v) => Height - Bottom - ((Height - Top - Bottom) * (Scale(v, logY) - Scale(y0, logY)) / (Scale(y1, logY) - Scale(y0, logY)));

        sb.Append(Inv, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>");
        sb.Append(Inv, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>");
        foreach (double t in Ticks(x0, x1, logX))
        {
            sb.Append(Inv, $"<line x1=\"{X(t):F1}\" y1=\"{Height - Bottom}\" x2=\"{X(t):F1}\" y2=\"{Height - Bottom + 4}\" stroke=\"#444\"/>");
            sb.Append(Inv, $"<text x=\"{X(t):F1}\" y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{Label(t)}</text>");
        }

        foreach (double t in Ticks(y0, y1, logY))
        {
            sb.Append(Inv, $"<line x1=\"{Left}\" y1=\"{Y(t):F1}\" x2=\"{Width - Right}\" y2=\"{Y(t):F1}\" stroke=\"#eee\"/>");
            sb.Append(Inv, $"<text x=\"{Left - 6}\" y=\"{Y(t) + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{Label(t)}</text>");
        }

        sb.Append(Inv, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" font-size=\"12\" text-anchor=\"middle\">{Enc(xLabel)}</text>");
        sb.Append(Inv, $"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{Enc(yLabel)}</text>");
        foreach (var s in visible)
        {
            if (s.Line && s.Points.Count > 1)
            {
                sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"{Enc(s.Colour)}\" stroke-width=\"1.5\" stroke-dasharray=\"{Enc(s.Dash)}\" points=\"");
                sb.AppendJoin(' ', s.Points.Select(p => string.Create(Inv, $"{X(p.X):F1},{Y(p.Y):F1}")));
                sb.Append("\"/>");
            }

            if (s.Markers)
            {
                foreach (var p in s.Points)
                {
                    sb.Append(Inv, $"<circle cx=\"{X(p.X):F1}\" cy=\"{Y(p.Y):F1}\" r=\"3\" fill=\"{Enc(s.Colour)}\"><title>{Enc(s.Name)}: {Label(p.X)}, {Label(p.Y)}</title></circle>");
                }
            }
        }

        sb.Append("</svg><figcaption class=\"legend\">");
        foreach (var s in visible)
        {
            sb.Append(Inv, $"<span style=\"color:{Enc(s.Colour)}\">&#9632; {Enc(s.Name)}</span> ");
        }

        sb.Append("</figcaption></figure>");
    }

    private static bool Usable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);

    private static double Scale(double v, bool log) => log ? Math.Log10(v) : v;

    private static (double Low, double High) Range(double min, double max, bool log, bool zeroFloor)
    {
        if (log)
        {
            double lo = Math.Pow(10, Math.Floor(Math.Log10(min)));
            double hi = Math.Pow(10, Math.Ceiling(Math.Log10(max)));
            return hi > lo ? (lo, hi) : (lo, lo * 10);
        }

        double low = zeroFloor ? Math.Min(0, min) : min;
        double high = max > low ? max + ((max - low) * 0.05) : low + 1;
        return (low, high);
    }

    private static IEnumerable<double> Ticks(double low, double high, bool log)
    {
        if (log)
        {
            // Two decades or fewer: 1-2-5 ticks, else one per decade.
            double[] steps = high / low <= 100 ? [1, 2, 5] : [1];
            for (double t = low; t <= high * 1.0001; t *= 10)
            {
                foreach (double m in steps)
                {
                    if (t * m <= high * 1.0001)
                    {
                        yield return t * m;
                    }
                }
            }

            yield break;
        }

        double step = NiceStep((high - low) / 5);
        for (double t = Math.Ceiling(low / step) * step; t <= high + (step * 1e-9); t += step)
        {
            yield return t;
        }
    }

    private static double NiceStep(double raw)
    {
        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static string Label(double v) => Math.Abs(v) >= 1e5 || (Math.Abs(v) < 1e-2 && v != 0)
        ? v.ToString("0.#E+0", Inv)
        : v.ToString("0.##", Inv);

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
