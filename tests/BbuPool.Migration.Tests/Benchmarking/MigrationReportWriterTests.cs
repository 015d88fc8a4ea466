using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;
using static BbuPool.Migration.Tests.Benchmarking.Synthetic;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class MigrationReportWriterTests
{
    private static MigrationBenchmarkReport Sample()
    {
        var failed = Cell(MigrationMethod.Postcopy, 20, 0.7, committed: 0) with
        {
            Failures = new Dictionary<string, int> { ["watchdog: <no result> & \"stuck\""] = 50 },
            StoppedEarly = "cell time cap 90 s reached after 5 of 50 migrations",
        };
        var curve = new List<ConvergencePoint>
        {
            new ConvergencePoint(0.3, 64, 2000, 20000, 0.9, double.NaN, 4) with { LawSeconds = 64 * 256 / 2000.0 * Math.Log(20000 / 18000.0) },
            new(0.7, 64, 25000, 20000, 3.0, double.PositiveInfinity, 30),
        };
        return Report(
        [
            Cell(MigrationMethod.HotStandby, 4, 0.3, downtimeP99: 20) with { GcCollections = 1 },
            Cell(MigrationMethod.HotStandby, 20, 0.3, downtimeP99: 30),
            Cell(MigrationMethod.Redundancy, 4, 0.3, downtimeP99: 4000, totalMs: 40),
            Cell(MigrationMethod.Redundancy, 20, 0.3, downtimeP99: 4100, totalMs: 90),
            Cell(MigrationMethod.Precopy, 64, 0.3, downtimeP99: 1500),
            failed,
        ], curve: curve) with { Collections = new GarbageCollections(7, 2, 1, 12.5) };
    }

    [Fact]
    public void Json_IsWellFormed_WithTargetsSeriesAndNullForNonFinite()
    {
        using var doc = JsonDocument.Parse(MigrationReportJson.Render(Sample()));
        var root = doc.RootElement;
        Assert.Equal("migration", root.GetProperty("benchmark").GetString());
        Assert.Equal("2026-12-01T12:00:00.000Z", root.GetProperty("started_utc").GetString());
        var gc = root.GetProperty("gc");
        Assert.Equal(7, gc.GetProperty("collections").GetInt32());
        Assert.Equal(2, gc.GetProperty("gen1_or_older").GetInt32());
        Assert.Equal(1, gc.GetProperty("gen2").GetInt32());
        Assert.Equal(12.5, gc.GetProperty("pause_ms").GetDouble());
        Assert.Equal(1, gc.GetProperty("in_cells").GetInt32());
        var cells = root.GetProperty("cells");
        Assert.Equal(6, cells.GetArrayLength());
        var failed = cells[5];
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("downtime_us_p99").ValueKind);
        Assert.Equal(50, failed.GetProperty("failed").GetInt32());
        Assert.Equal(50, failed.GetProperty("failures").GetProperty("watchdog: <no result> & \"stuck\"").GetInt32());
        Assert.StartsWith("cell time cap", failed.GetProperty("stopped_early").GetString(), StringComparison.Ordinal);

        var targets = root.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("status").GetString());
        Assert.Equal("met", targets["hot_standby_downtime_us_p99"]);
        Assert.Equal("not met", targets["precopy_30pct_64mib_downtime_us_p99"]);
        Assert.Equal("not measured", targets["precopy_10pct_total_over_size_per_bandwidth"]);

        var seed002 = root.GetProperty("seed002").EnumerateArray().ToList();
        Assert.Equal(["Redundancy", "HotStandby"], seed002.Select(s => s.GetProperty("method").GetString()));
        Assert.Equal([4, 20], seed002[1].GetProperty("points").EnumerateArray().Select(p => p.GetProperty("size_mib").GetInt32()));

        var seed003 = root.GetProperty("seed003");
        var points = seed003.GetProperty("points");
        Assert.Equal(2, points.GetArrayLength());
        Assert.Equal(0.1, points[0].GetProperty("rho").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("law_ms").ValueKind);
        var law = seed003.GetProperty("law_curve").EnumerateArray().ToList();
        Assert.Equal(49, law.Count);
        var half = law.Single(p => Math.Abs(p.GetProperty("rho").GetDouble() - 0.5) < 1e-9);
        Assert.Equal(2 * Math.Log(2), half.GetProperty("law_normalised").GetDouble(), 5);
    }

    [Fact]
    public void Html_IsWellFormedSelfContained_WithChartsAndTargets()
    {
        string html = MigrationReportHtml.Render(Sample());
        var doc = ParseXhtml(html);
        Assert.Equal("html", doc.Root!.Name.LocalName);
        var svgs = doc.Descendants().Where(e => e.Name.LocalName == "svg").ToList();
        // Per load (30 % and 70 %): downtime and total; seed 002: two; seed 003: one.
        Assert.Equal(7, svgs.Count);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("not met", html, StringComparison.Ordinal);
        Assert.Contains("not measured", html, StringComparison.Ordinal);
        Assert.Contains("&lt;no result&gt; &amp; &quot;stuck&quot;", html, StringComparison.Ordinal);
        Assert.Contains(svgs, s => s.Descendants().Any(e => e.Name.LocalName == "polyline"));
    }

    [Fact]
    public void Json_And_Html_CarryTheKernelSettings_NullWhereNotKnown()
    {
        var report = Sample() with { Kernel = new KernelSchedulingFacts("none", "config", true, "haltpoll", "haltpoll", 200000, 250, "1", string.Empty) };
        using (var doc = JsonDocument.Parse(MigrationReportJson.Render(report)))
        {
            var k = doc.RootElement.GetProperty("kernel");
            Assert.Equal("none", k.GetProperty("preemption").GetString());
            Assert.Equal("config", k.GetProperty("preemption_source").GetString());
            Assert.True(k.GetProperty("preempt_dynamic").GetBoolean());
            Assert.Equal("haltpoll", k.GetProperty("cpuidle_driver").GetString());
            Assert.Equal(200000, k.GetProperty("guest_halt_poll_ns").GetInt64());
            Assert.Equal(250, k.GetProperty("tick_hz").GetInt32());
            Assert.Equal("1", k.GetProperty("isolated_cpus").GetString());
        }

        Assert.Contains("guest_halt_poll_ns 200000", MigrationReportHtml.Render(report), StringComparison.Ordinal);

        using var unknown = JsonDocument.Parse(MigrationReportJson.Render(Sample()));
        var u = unknown.RootElement.GetProperty("kernel");
        Assert.Equal(JsonValueKind.Null, u.GetProperty("guest_halt_poll_ns").ValueKind);
        Assert.Equal(JsonValueKind.Null, u.GetProperty("tick_hz").ValueKind);
        Assert.Equal(string.Empty, u.GetProperty("preemption").GetString());
    }

    [Fact]
    public void Html_EmptyReport_StillRenders()
    {
        var doc = ParseXhtml(MigrationReportHtml.Render(Report([], curve: [])));
        Assert.Contains("no data in this run", doc.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConvergencePoint_NormalisesByOneFullCopy()
    {
        var p = new ConvergencePoint(0.3, 4, 500, 1000, 1.024, 0, 3);
        Assert.Equal(1024, p.Pages);
        Assert.Equal(0.5, p.Ratio);
        Assert.Equal(1.0, p.NormalisedMeasured, 9);
        Assert.Equal(1.0, ConvergencePoint.NormalisedLawAt(0), 9);
        Assert.Equal(2 * Math.Log(2), ConvergencePoint.NormalisedLawAt(0.5), 9);
        // Two live rounds of the geometric series: N/mu (1 + rho).
        Assert.Equal(1024 / 1000.0 * 1.5, p.DiscreteSeconds, 9);
    }

    internal static XDocument ParseXhtml(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
