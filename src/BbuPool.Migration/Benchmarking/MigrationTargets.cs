using System.Globalization;
using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// Issue 5 item 8's targets, evaluated from a report's measurements (never stored): hot-standby
/// p99 downtime and missed TTIs at every size, pre-copy p99 downtime at 30 % load on 64 MiB, and
/// pre-copy total time at 10 % load against size / the link bandwidth measured in the same run.
/// </summary>
public static class MigrationTargets
{
    /// <summary>Hot-standby: p99 downtime bound (us).</summary>
    public const double HotStandbyDowntimeUsP99 = 50;

    /// <summary>Pre-copy at 30 % load on 64 MiB: p99 downtime bound (us).</summary>
    public const double PrecopyDowntimeUsP99 = 1000;

    /// <summary>The size the pre-copy downtime target is set at (MiB).</summary>
    public const int PrecopyDowntimeSizeMiB = 64;

    /// <summary>Pre-copy at 10 % load: total time over size / bandwidth.</summary>
    public const double PrecopyTotalFactor = 1.5;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Evaluates the three targets.</summary>
    public static IReadOnlyList<TargetResult> Evaluate(MigrationBenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [HotStandby(report), PrecopyDowntime(report), PrecopyTotal(report)];
    }

    private static TargetResult HotStandby(MigrationBenchmarkReport report)
    {
        const string Key = "hot_standby_downtime_us_p99";
        const string Text = "hot-standby downtime_us_p99 <= 50 with 0 missed TTIs at every size";
        var bySize = report.Cells.Where(c => c.Method == MigrationMethod.HotStandby).GroupBy(c => c.SizeMiB).OrderBy(g => g.Key).ToList();
        if (bySize.Count == 0)
        {
            return new TargetResult(Key, Text, TargetStatus.NotMeasured, double.NaN, HotStandbyDowntimeUsP99, "no hot-standby cell in this run");
        }

        bool met = true;
        double worst = double.NegativeInfinity;
        var detail = new List<string>();
        foreach (var size in bySize)
        {
            double p99 = size.Max(c => c.Committed > 0 ? c.DowntimeUsP99 : double.PositiveInfinity);
            long missed = size.Sum(c => c.MissedTtis);
            int runs = size.Sum(c => c.Committed);
            bool ok = p99 <= HotStandbyDowntimeUsP99 && missed == 0;
            met &= ok;
            worst = Math.Max(worst, p99);
            detail.Add(string.Create(Inv, $"{size.Key} MiB: p99 {Us(p99)} us, {missed} missed TTIs over {runs} committed in {size.Sum(c => c.MigratingMs):F0} ms of migration{AtControlRate(report, size)}{Stolen(size.Sum(c => c.StealMs))} ({(ok ? "met" : "not met")})"));
        }

        // Not part of the verdict (the target says 0), but what the reader needs beside it.
        foreach (var control in report.Control)
        {
            detail.Add(string.Create(Inv, $"control: a lone stack at {control.Load * 100:F0} % with no migration missed {control.Missed} of {control.Ttis} TTIs{Stolen(control.StealMs)}"));
        }

        return new TargetResult(Key, Text, met ? TargetStatus.Met : TargetStatus.NotMet, worst, HotStandbyDowntimeUsP99, string.Join("; ", detail));
    }

    // What a lone stack at each cell's load would have missed over the same migration time: a
    // count near it says the migrations add little to this machine's own misses.
    private static string AtControlRate(MigrationBenchmarkReport report, IEnumerable<MigrationCellResult> cells)
    {
        double expected = 0;
        foreach (var cell in cells)
        {
            expected += report.ControlAt(cell.Load)?.ExpectedOver(cell.MigratingMs) ?? double.NaN;
        }

        return double.IsFinite(expected) ? string.Create(Inv, $" (a lone stack's rate in this run predicts {expected:F1})") : string.Empty;
    }

    // Large steals make every cell miss on these VMs (10 runs, 2026-12-03: cells with 360-3390 ms
    // stolen missed 61-1129 TTIs), so the detail says how much the host took.
    private static string Stolen(double ms) => double.IsFinite(ms) ? string.Create(Inv, $", {ms:F0} ms of CPU stolen by the host") : string.Empty;

    private static TargetResult PrecopyDowntime(MigrationBenchmarkReport report)
    {
        const string Key = "precopy_30pct_64mib_downtime_us_p99";
        const string Text = "pre-copy at 30 % load on 64 MiB: downtime_us_p99 <= 1000";
        var cells = report.Cells.Where(c => c.Method == MigrationMethod.Precopy && c.SizeMiB == PrecopyDowntimeSizeMiB && IsLoad(c.Load, 0.3)).ToList();
        if (cells.Count == 0)
        {
            return new TargetResult(Key, Text, TargetStatus.NotMeasured, double.NaN, PrecopyDowntimeUsP99, "no pre-copy 64 MiB 30 % cell in this run");
        }

        double p99 = cells.Max(c => c.Committed > 0 ? c.DowntimeUsP99 : double.PositiveInfinity);
        int runs = cells.Sum(c => c.Committed);
        bool met = p99 <= PrecopyDowntimeUsP99;
        return new TargetResult(Key, Text, met ? TargetStatus.Met : TargetStatus.NotMet, p99, PrecopyDowntimeUsP99,
            string.Create(Inv, $"p99 {Us(p99)} us over {runs} committed"));
    }

    private static TargetResult PrecopyTotal(MigrationBenchmarkReport report)
    {
        const string Key = "precopy_10pct_total_over_size_per_bandwidth";
        const string Text = "pre-copy at 10 % load: total time p50 within 1.5x of size / the link's measured rate moving a state of that size";
        var cells = report.Cells.Where(c => c.Method == MigrationMethod.Precopy && IsLoad(c.Load, 0.1)).OrderBy(c => c.SizeMiB).ToList();
        if (cells.Count == 0)
        {
            return new TargetResult(Key, Text, TargetStatus.NotMeasured, double.NaN, PrecopyTotalFactor, "no pre-copy 10 % cell in this run");
        }

        var missing = cells.Where(c => !(report.StateLinkBytesPerSecond.GetValueOrDefault(c.SizeMiB) > 0)).Select(c => c.SizeMiB).ToList();
        if (missing.Count > 0)
        {
            return new TargetResult(Key, Text, TargetStatus.NotMeasured, double.NaN, PrecopyTotalFactor,
                "link state-transfer rate not measured in this run for " + string.Join(", ", missing.Select(m => m.ToString(Inv) + " MiB")));
        }

        bool met = true;
        double worst = double.NegativeInfinity;
        var detail = new List<string>();
        foreach (var c in cells)
        {
            double bytes = (double)c.SizeMiB * 1048576;
            double ideal = bytes / report.StateLinkBytesPerSecond[c.SizeMiB] * 1e3;
            double ratio = c.Committed > 0 ? c.TotalMsP50 / ideal : double.PositiveInfinity;
            bool ok = ratio <= PrecopyTotalFactor;
            met &= ok;
            worst = Math.Max(worst, ratio);
            // The ratio against the peak (cache-hot receiver) rate is shown too, so no reader has
            // to take the choice of denominator on trust.
            string peak = report.LinkBytesPerSecond > 0
                ? string.Create(Inv, $"; {c.TotalMsP50 / (bytes / report.LinkBytesPerSecond * 1e3):F1}x of size/peak link rate")
                : string.Empty;
            detail.Add(string.Create(Inv, $"{c.SizeMiB} MiB: total p50 {c.TotalMsP50:F1} ms vs size/state-transfer rate {ideal:F2} ms = {ratio:F1}x ({(ok ? "met" : "not met")}){peak}"));
        }

        return new TargetResult(Key, Text, met ? TargetStatus.Met : TargetStatus.NotMet, worst, PrecopyTotalFactor, string.Join("; ", detail));
    }

    private static bool IsLoad(double load, double target) => Math.Abs(load - target) < 1e-6;

    private static string Us(double v) => double.IsFinite(v) ? v.ToString("F0", Inv) : "n/a (no committed run)";
}
