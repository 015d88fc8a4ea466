using System.Globalization;
using System.Net;
using System.Text;

namespace BbuPool.Simulation.Reporting;

/// <summary>
/// Writes report.html: the summary and a timeline plot (inline SVG, no script, no external
/// asset) of powered nodes against the lower bound and the peak-provisioned pool, with demand.
/// </summary>
public static class ReportHtmlWriter
{
    private const int Width = 960;
    private const int Height = 320;
    private const int Margin = 48;

    /// <summary>Writes the page to <paramref name="path"/>.</summary>
    public static void Write(SimulationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        File.WriteAllText(path, Render(report), Encoding.UTF8);
    }

    /// <summary>Renders the page.</summary>
    public static string Render(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>BbuPool: ")
          .Append(WebUtility.HtmlEncode(report.Scenario))
          .Append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #ddd}.legend span{margin-right:1.5em}</style></head><body>");
        sb.Append("<h1>").Append(WebUtility.HtmlEncode(report.Scenario)).Append("</h1>");
        sb.Append("<table>");
        Row(sb, "scheduler", report.Scheduler);
        Row(sb, "seed", report.Seed.ToString(inv));
        Row(sb, "cells / nodes", $"{report.Cells} / {report.Nodes}");
        Row(sb, "server-hours (lower bound, peak-provisioned)", string.Create(inv, $"{report.ServerHours:F1} ({report.LowerBoundServerHours:F1}, {report.PeakProvisionedServerHours:F1})"));
        Row(sb, "saving vs peak-provisioned", string.Create(inv, $"{report.ServerHoursSaving:P1}"));
        Row(sb, "energy kWh (peak-provisioned)", string.Create(inv, $"{report.EnergyKwh:F1} ({report.PeakProvisionedEnergyKwh:F1})"));
        Row(sb, "migrations", string.Join(", ", report.Migrations.Select(kv => $"{kv.Key} {kv.Value}")));
        Row(sb, "downtime µs p50 / p99 / max", string.Create(inv, $"{report.MigrationDowntimeUs.P50:F0} / {report.MigrationDowntimeUs.P99:F0} / {report.MigrationDowntimeUs.Max:F0}"));
        Row(sb, "deadline miss rate", report.DeadlineMissRate.ToString("G4", inv));
        Row(sb, "constraint violations", report.ConstraintViolations.ToString(inv));
        Row(sb, "max nodes over lower bound (N+k)", report.MaxNodesOverLowerBound.ToString(inv));
        Row(sb, "max nodes over demand bound (k = 0)", report.MaxNodesOverDemandBound.ToString(inv));
        sb.Append("</table><h2>Nodes over the run</h2>");
        AppendPlot(sb, report);
        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, string value) =>
        sb.Append("<tr><th>").Append(WebUtility.HtmlEncode(name)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");

    private static void AppendPlot(StringBuilder sb, SimulationReport report)
    {
        var points = report.Timeline;
        if (points.Count < 2)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var tMax = Math.Max(points[^1].TimeSeconds, 1);
        var yMax = Math.Max(report.PeakProvisionedNodes, points.Max(p => Math.Max(p.PoweredNodes, p.LowerBoundNodes))) * 1.1;
        double X(double t) => Margin + ((Width - (2 * Margin)) * t / tMax);
        double Y(double v) => Height - Margin - ((Height - (2 * Margin)) * v / yMax);
        string Line(Func<StepSnapshot, double> value, string colour, string dash) =>
            $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\" points=\"" +
            string.Join(' ', points.Select(p => string.Create(inv, $"{X(p.TimeSeconds):F1},{Y(value(p)):F1}"))) + "\"/>";

        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"powered nodes over time\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{Height - Margin}\" x2=\"{Width - Margin}\" y2=\"{Height - Margin}\" stroke=\"#444\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{Margin}\" x2=\"{Margin}\" y2=\"{Height - Margin}\" stroke=\"#444\"/>");
        for (var h = 0; h <= 4; h++)
        {
            var t = tMax * h / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(t):F0}\" y=\"{Height - Margin + 16}\" font-size=\"11\" text-anchor=\"middle\">{t / 3600:F1} h</text>");
            var v = yMax * h / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 6}\" y=\"{Y(v) + 4:F0}\" font-size=\"11\" text-anchor=\"end\">{v:F0}</text>");
        }

        var peak = Y(report.PeakProvisionedNodes);
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{peak:F1}\" x2=\"{Width - Margin}\" y2=\"{peak:F1}\" stroke=\"#999\" stroke-dasharray=\"6 4\"/>");
        sb.Append(Line(p => p.LowerBoundNodes, "#2a9d8f", "3 2"));
        sb.Append(Line(p => p.PoweredNodes, "#e76f51", "none"));
        sb.Append("</svg>");
        sb.Append("<p class=\"legend\"><span style=\"color:#e76f51\">&#9632; powered nodes</span><span style=\"color:#2a9d8f\">&#9632; lower bound</span><span style=\"color:#999\">&#9632; peak-provisioned (D-RAN)</span></p>");
    }
}
