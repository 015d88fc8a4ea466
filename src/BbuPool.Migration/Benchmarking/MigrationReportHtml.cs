using System.Globalization;
using System.Net;
using System.Text;
using BbuPool.Core.Reporting;
using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The HTML page of `bbupool bench migration`: run facts, the targets with met / not met, the
/// figures as inline SVG (per load: downtime and total time against state size per method; seed
/// 002: redundancy vs hot standby; seed 003: pre-copy live time against the convergence law) and
/// the full table. Self-contained (no script, no external CSS) and well-formed XML.
/// </summary>
public static class MigrationReportHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] Palette = ["#264653", "#e76f51", "#2a9d8f", "#e9c46a", "#8e44ad", "#d62828", "#6c757d", "#1d3557"];

    /// <summary>Writes the page to <paramref name="path"/>.</summary>
    public static Task WriteAsync(MigrationBenchmarkReport report, string path, CancellationToken cancellationToken = default)
        => File.WriteAllTextAsync(path, Render(report), Encoding.UTF8, cancellationToken);

    /// <summary>Renders the page.</summary>
    public static string Render(MigrationBenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = HtmlPage.Begin("Migration benchmark", ".met{color:#2a9d8f;font-weight:bold}.notmet{color:#d62828;font-weight:bold}.nm{color:#888}");
        AppendFacts(sb, report);
        sb.Append("<h2>Targets (issue 5, item 8)</h2>");
        AppendTargets(sb, MigrationTargets.Evaluate(report));
        AppendMethodCharts(sb, report);
        AppendSeed002(sb, report);
        AppendSeed003(sb, report);
        sb.Append("<h2>All cells</h2>");
        AppendCells(sb, report.Cells);
        return HtmlPage.End(sb);
    }

    private static void AppendFacts(StringBuilder sb, MigrationBenchmarkReport r)
    {
        sb.Append("<table>");
        Row(sb, "mode", r.Mode);
        Row(sb, "transport", r.Transport);
        Row(sb, "links opened", r.LinksOpened);
        Row(sb, "stack threads", r.StackThreads);
        Row(sb, "started (UTC)", r.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", Inv));
        Row(sb, "wall time", string.Create(Inv, $"{r.Seconds:F1} s"));
        Row(sb, "garbage collections over the run", r.Collections.Describe(r.CollectionsInCells));
        Row(sb, "logical processors", r.ProcessorCount.ToString(Inv));
        Row(sb, "CRC-32C loop", r.CrcPath);
        Row(sb, "kernel scheduling (moves wake-up latency)", r.Kernel.Describe());
        Row(sb, "load average at start / end", $"{r.LoadAverageStart} / {r.LoadAverageEnd}");
        Row(sb, "link bandwidth measured in this run (peak: frames dropped at the receiver)", r.LinkBytesPerSecond > 0 ? string.Create(Inv, $"{r.LinkBytesPerSecond / 1e9:F2} GB/s") : "not measured");
        Row(sb, "link moving a whole state image into another, per size", r.StateLinkBytesPerSecond.Count == 0
            ? "not measured"
            : string.Join("; ", r.StateLinkBytesPerSecond.OrderBy(x => x.Key).Select(x => string.Create(Inv, $"{x.Key} MiB: {x.Value / 1e9:F2} GB/s"))));
        Row(sb, "warm-up per method (discarded, until the JIT was quiet)", r.Warmup.Count == 0
            ? "none"
            : string.Join("; ", r.Warmup.Select(w => string.Create(Inv, $"{w.Method}: {w.Migrations} migrations, {w.JitMethodsLastWindow} methods compiled over the last {w.Window}"))));
        Row(sb, "control: a lone stack, no migration", r.Control.Count == 0
            ? "not measured"
            : string.Join("; ", r.Control.Select(c => string.Create(Inv, $"{c.Load * 100:F0} %: {c.Missed} of {c.Ttis} TTIs missed ({c.PerThousand:F2} per 1000, {Num(c.PerSecond, "F1")} per s), {Num(c.StealMs, "F0")} ms stolen by the host"))));
        Row(sb, "percentiles", "nearest rank over committed migrations; p99 is the maximum when a cell has fewer than 100");
        sb.Append("</table>");
    }

    private static void AppendTargets(StringBuilder sb, IReadOnlyList<TargetResult> targets)
    {
        sb.Append("<table><tr><th>target</th><th>status</th><th>worst measured</th><th>bound</th><th>per cell</th></tr>");
        foreach (var t in targets)
        {
            var (css, text) = t.Status switch
            {
                TargetStatus.Met => ("met", "met"),
                TargetStatus.NotMet => ("notmet", "not met"),
                _ => ("nm", "not measured"),
            };
            sb.Append("<tr><td>").Append(Enc(t.Description)).Append("</td><td class=\"").Append(css).Append("\">").Append(text)
              .Append("</td><td>").Append(Num(t.Measured, "F1")).Append("</td><td>").Append(Num(t.Threshold, "G")).Append("</td><td>")
              .Append(Enc(t.Detail)).Append("</td></tr>");
        }

        sb.Append("</table>");
    }

    private static void AppendMethodCharts(StringBuilder sb, MigrationBenchmarkReport r)
    {
        sb.Append("<h2>Downtime and total time against state size, per method</h2>");
        foreach (double load in r.Cells.Select(c => c.Load).Distinct().Order())
        {
            var atLoad = r.Cells.Where(c => c.Load == load).ToList();
            var methods = atLoad.Select(c => c.Method).Distinct().Order().ToList();
            string pct = load.ToString("P0", Inv);
            SvgChart.Append(sb, $"Downtime p99 at {pct} load", "state size (MiB)", "downtime p99 (us)",
                methods.Select(m => Series(m.ToString(), Colour(m), atLoad.Where(c => c.Method == m).Select(c => (c.SizeMiB, c.DowntimeUsP99)))).ToList(), logX: true, logY: true);
            SvgChart.Append(sb, $"Total migration time p50 at {pct} load", "state size (MiB)", "total time p50 (ms)",
                methods.Select(m => Series(m.ToString(), Colour(m), atLoad.Where(c => c.Method == m).Select(c => (c.SizeMiB, c.TotalMsP50)))).ToList(), logX: true, logY: true);
        }
    }

    private static void AppendSeed002(StringBuilder sb, MigrationBenchmarkReport r)
    {
        sb.Append("<h2>Seed 002: redundancy vs hot-standby migration against state size</h2>");
        sb.Append("<p>Seed 002 reports a downtime near-constant in state size (~4.6 ms) and a migration time growing with it. Solid: hot standby; dashed: redundancy; one colour per load.</p>");
        var downtime = new List<ChartSeries>();
        var total = new List<ChartSeries>();
        foreach (var series in MigrationReportJson.Seed002Series(r.Cells))
        {
            string name = $"{series.Key.Method} {series.Key.Load.ToString("P0", Inv)}";
            string colour = Palette[(2 + (int)Math.Round(series.Key.Load * 10)) % Palette.Length];
            string dash = series.Key.Method == MigrationMethod.HotStandby ? "none" : "6 3";
            downtime.Add(Series(name, colour, series.Select(c => (c.SizeMiB, c.DowntimeUsP50)), dash));
            total.Add(Series(name, colour, series.Select(c => (c.SizeMiB, c.TotalMsP50)), dash));
        }

        SvgChart.Append(sb, "Downtime p50 against state size", "state size (MiB)", "downtime p50 (us)", downtime, logX: true, logY: true);
        SvgChart.Append(sb, "Migration time p50 against state size", "state size (MiB)", "total time p50 (ms)", total, logX: true, logY: true);
    }

    private static void AppendSeed003(StringBuilder sb, MigrationBenchmarkReport r)
    {
        sb.Append("<h2>Seed 003: pre-copy convergence, measured against the law</h2>");
        sb.Append("<p>T = N/&#948; ln(&#956;/(&#956; &#8722; &#948;)), drawn in units of one full copy (T&#956;/N) against &#961; = &#948;/&#956;. ")
          .Append("Points: each committed pre-copy run's live rounds (&#948; measured before the cell, &#956; over the run's rounds). ")
          .Append("The law is the time to drain the dirty set to nothing; the engine stops earlier, when the rest fits the downtime budget, so measured points sit below the curve by design. ")
          .Append("Squares: the same rounds as the law's geometric series predicts them.</p>");
        var law = ChartSeriesOf("law -ln(1-rho)/rho", "#264653", MigrationReportJson.LawCurveRatios().Select(x => (x, ConvergencePoint.NormalisedLawAt(x))), line: true, markers: false);
        var measured = ChartSeriesOf("measured live rounds", "#e76f51", r.Convergence.Select(p => (p.Ratio, p.NormalisedMeasured)), line: false, markers: true);
        var discrete = ChartSeriesOf("law, discrete rounds run", "#2a9d8f", r.Convergence.Select(p => (p.Ratio, p.DiscreteSeconds * p.CopyPagesPerSecond / p.Pages)), line: false, markers: true);
        SvgChart.Append(sb, "Pre-copy live time / full-copy time against dirty/copy rate", "rho = delta / mu", "T mu / N", [law, measured, discrete], logY: true);
        if (r.Convergence.Count > 0)
        {
            sb.Append("<table><tr><th>load</th><th>MiB</th><th>runs</th><th>&#961; p50</th><th>measured ms p50</th><th>law ms p50</th><th>measured / law p50</th></tr>");
            foreach (var g in r.Convergence.GroupBy(p => (p.Load, p.SizeMiB)).OrderBy(g => g.Key.SizeMiB).ThenBy(g => g.Key.Load))
            {
                var ratios = g.Select(p => p.MeasuredSeconds / p.LawSeconds).ToList();
                sb.Append("<tr><td>").Append(g.Key.Load.ToString("P0", Inv)).Append("</td><td>").Append(g.Key.SizeMiB.ToString(Inv))
                  .Append("</td><td>").Append(g.Count().ToString(Inv))
                  .Append("</td><td>").Append(Num(Percentiles.Median(g.Select(p => p.Ratio).ToList()), "F3"))
                  .Append("</td><td>").Append(Num(Percentiles.Median(g.Select(p => p.MeasuredSeconds * 1e3).ToList()), "F2"))
                  .Append("</td><td>").Append(Num(Percentiles.Median(g.Select(p => p.LawSeconds * 1e3).ToList()), "F2"))
                  .Append("</td><td>").Append(Num(Percentiles.Median(ratios), "F2")).Append("</td></tr>");
            }

            sb.Append("</table>");
        }
    }

    private static void AppendCells(StringBuilder sb, IReadOnlyList<MigrationCellResult> cells)
    {
        sb.Append("<table><tr><th>method</th><th>MiB</th><th>load</th><th>committed / runs (planned)</th><th>total p50 ms</th><th>total p99 ms</th><th>downtime p50 us</th><th>downtime p99 us</th>")
          .Append("<th>MiB on wire</th><th>missed TTIs</th><th>rounds</th><th>model total ms</th><th>model downtime us</th><th>JIT methods / ms</th><th>phases entered, p50 ms from start</th><th>missed TTIs by end and source phase</th><th>missed TTIs / ms (per s): migrating; between migrations</th><th>CPU stolen by the host, ms</th><th>failures / stop</th></tr>");
        foreach (var c in cells)
        {
            string notes = string.Join("; ", c.Failures.Select(kv => $"{kv.Value}x {kv.Key}").Append(c.StoppedEarly ?? string.Empty)
                .Append(c.LinkPrepareFailure is { } why ? string.Create(Inv, $"link pairs not all opened ahead ({why}), {c.LinksOpenedOnDemand} opened beside the stack") : string.Empty)
                .Where(s => s.Length > 0));
            sb.Append("<tr><td>").Append(c.Method.ToString()).Append("</td><td>").Append(c.SizeMiB.ToString(Inv)).Append("</td><td>").Append(c.Load.ToString("P0", Inv))
              .Append("</td><td>").Append(Inv, $"{c.Committed} / {c.Runs} ({c.Planned})")
              .Append("</td><td>").Append(Num(c.TotalMsP50, "F2")).Append("</td><td>").Append(Num(c.TotalMsP99, "F2"))
              .Append("</td><td>").Append(Num(c.DowntimeUsP50, "F0")).Append("</td><td>").Append(Num(c.DowntimeUsP99, "F0"))
              .Append("</td><td>").Append(Num(c.BytesOnWire / 1048576, "F1")).Append("</td><td>").Append(c.MissedTtis.ToString(Inv))
              .Append("</td><td>").Append(Num(c.Rounds, "F0")).Append("</td><td>").Append(Num(c.Predicted.TotalSeconds * 1e3, "F2"))
              .Append("</td><td>").Append(Num(c.Predicted.DowntimeSeconds * 1e6, "F0"))
              .Append("</td><td>").Append(Inv, $"{c.JitMethods} / {Num(c.JitMs, "F0")}")
              .Append("</td><td>").Append(Enc(string.Join(", ", c.PhaseMsP50.OrderBy(p => p.Key).Select(p => string.Create(Inv, $"{p.Key} {p.Value:F2}")))))
              .Append("</td><td>").Append(Enc(string.Join("; ", c.MissesByPhase.Select(m => m.Describe()).Append(c.MissedUnplaced > 0 ? string.Create(Inv, $"{c.MissedUnplaced} not placed") : string.Empty).Where(s => s.Length > 0))))
              .Append("</td><td>").Append(Inv, $"{c.MissedTtis} / {Num(c.MigratingMs, "F0")} ({Num(c.MissedPerSecondMigrating, "F1")}); {c.MissedBetween} / {Num(c.BetweenMs, "F0")} ({Num(c.MissedPerSecondBetween, "F1")})")
              .Append("</td><td>").Append(Num(c.StealMs, "F0"))
              .Append("</td><td>").Append(Enc(notes)).Append("</td></tr>");
        }

        sb.Append("</table>");
    }

    private static ChartSeries Series(string name, string colour, IEnumerable<(int X, double Y)> points, string dash = "none")
        => new(name, colour, points.Select(p => ((double)p.X, p.Y)).ToList(), Dash: dash);

    private static ChartSeries ChartSeriesOf(string name, string colour, IEnumerable<(double X, double Y)> points, bool line, bool markers)
        => new(name, colour, points.ToList(), line, markers);

    private static string Colour(MigrationMethod method) => Palette[(int)method % Palette.Length];

    private static void Row(StringBuilder sb, string name, string value) => HtmlPage.Row(sb, name, value);

    private static string Num(double v, string format) => double.IsFinite(v) ? v.ToString(format, Inv) : "-";

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
