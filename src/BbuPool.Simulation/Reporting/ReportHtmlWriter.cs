using System.Globalization;
using System.Text;
using BbuPool.Core.Reporting;

namespace BbuPool.Simulation.Reporting;

/// <summary>
/// Writes report.html: the summary and a timeline plot (inline SVG, no script, no external
/// asset) of powered nodes against the lower bound and the peak-provisioned pool, with demand.
/// </summary>
public static class ReportHtmlWriter
{
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
        var sb = HtmlPage.Begin(report.Scenario);
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
        return HtmlPage.End(sb);
    }

    private static void Row(StringBuilder sb, string name, string value) => HtmlPage.Row(sb, name, value);

    private static void AppendPlot(StringBuilder sb, SimulationReport report)
    {
        var points = report.Timeline;
        if (points.Count < 2)
        {
            return;
        }

        double end = points[^1].TimeSeconds / 3600;
        SvgChart.Append(sb, "powered nodes over the run", "hours", "nodes",
        [
            new ChartSeries("powered nodes", "#e76f51", [.. points.Select(p => (p.TimeSeconds / 3600, (double)p.PoweredNodes))], Markers: false),
            new ChartSeries("lower bound", "#2a9d8f", [.. points.Select(p => (p.TimeSeconds / 3600, (double)p.LowerBoundNodes))], Markers: false, Dash: "3 2"),
            new ChartSeries("peak-provisioned (D-RAN)", "#999", [(0, report.PeakProvisionedNodes), (end, report.PeakProvisionedNodes)], Markers: false, Dash: "6 4"),
        ]);
    }
}
