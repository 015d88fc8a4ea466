using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;
using static BbuPool.Migration.Tests.Benchmarking.Synthetic;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class MigrationTargetsTests
{
    private static TargetResult Target(MigrationBenchmarkReport report, string key) => MigrationTargets.Evaluate(report).Single(t => t.Key == key);

    [Fact]
    public void AllMet_WhenEveryCoveredCellIsWithinItsBound()
    {
        // 64 MiB at 10 GB/s: 6.71 ms ideal, 1.5x = 10.07 ms.
        var report = Report(
        [
            Cell(MigrationMethod.HotStandby, 4, 0.3, downtimeP99: 20),
            Cell(MigrationMethod.HotStandby, 64, 0.7, downtimeP99: 50),
            Cell(MigrationMethod.Precopy, 64, 0.3, downtimeP99: 999),
            Cell(MigrationMethod.Precopy, 64, 0.1, totalMs: 10.0),
        ]);
        var targets = MigrationTargets.Evaluate(report);
        Assert.Equal(3, targets.Count);
        Assert.All(targets, t => Assert.Equal(TargetStatus.Met, t.Status));
        Assert.Equal(50, targets[0].Measured);
        Assert.Equal(10.0 / (64 * 1048576 / 10e9 * 1e3), targets[2].Measured, 6);
    }

    [Fact]
    public void HotStandby_OneMissedTtiAtOneSize_IsNotMet()
    {
        var report = Report([Cell(MigrationMethod.HotStandby, 4, 0.3, downtimeP99: 20), Cell(MigrationMethod.HotStandby, 20, 0.1, downtimeP99: 20, missed: 1)]);
        var t = Target(report, "hot_standby_downtime_us_p99");
        Assert.Equal(TargetStatus.NotMet, t.Status);
        Assert.Contains("20 MiB", t.Detail, StringComparison.Ordinal);
        Assert.Contains("1 missed", t.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void HotStandby_Detail_SaysWhatTheHostStole_WhereKnown()
    {
        var report = Report([Cell(MigrationMethod.HotStandby, 4, 0.3, downtimeP99: 20) with { StealMs = 440 }, Cell(MigrationMethod.HotStandby, 20, 0.3, downtimeP99: 20)])
            with { Control = [new IdleStackMisses(0.3, 2001, 15) { StealMs = 50 }] };
        var t = Target(report, "hot_standby_downtime_us_p99");
        Assert.Contains("4 MiB: p99 20 us, 0 missed TTIs over 50 committed in 0 ms of migration, 440 ms of CPU stolen by the host (met)", t.Detail, StringComparison.Ordinal);
        Assert.Contains("20 MiB: p99 20 us, 0 missed TTIs over 50 committed in 0 ms of migration (met)", t.Detail, StringComparison.Ordinal);
        Assert.Contains("missed 15 of 2001 TTIs, 50 ms of CPU stolen by the host", t.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void HotStandby_Detail_SetsTheMissesAgainstWhatALoneStackMissesInTheSameTime()
    {
        // The control missed 15 in 2 s (7.5 per second): 400 + 200 ms of migration at 30 % predict
        // 4.5; the 10 % cell has no control, so its size gets no prediction.
        var report = Report(
        [
            Cell(MigrationMethod.HotStandby, 4, 0.3, downtimeP99: 20, missed: 6) with { MigratingMs = 400 },
            Cell(MigrationMethod.HotStandby, 4, 0.3, downtimeP99: 20, missed: 1) with { MigratingMs = 200 },
            Cell(MigrationMethod.HotStandby, 20, 0.1, downtimeP99: 20, missed: 2) with { MigratingMs = 300 },
        ]) with { Control = [new IdleStackMisses(0.3, 2001, 15) { Milliseconds = 2000 }] };
        var t = Target(report, "hot_standby_downtime_us_p99");
        Assert.Contains("4 MiB: p99 20 us, 7 missed TTIs over 100 committed in 600 ms of migration (a lone stack's rate in this run predicts 4.5) (not met)", t.Detail, StringComparison.Ordinal);
        Assert.Contains("20 MiB: p99 20 us, 2 missed TTIs over 50 committed in 300 ms of migration (not met)", t.Detail, StringComparison.Ordinal);
        Assert.Equal(7.5, report.Control[0].PerSecond, 9);
        Assert.Equal(15, report.Cells[0].MissedPerSecondMigrating, 9);
        Assert.True(double.IsNaN(new IdleStackMisses(0.3, 10, 1).PerSecond), "no wall time measured, no rate");
    }

    [Fact]
    public void HotStandby_WorstLoadCounts()
    {
        var report = Report([Cell(MigrationMethod.HotStandby, 4, 0.1, downtimeP99: 20), Cell(MigrationMethod.HotStandby, 4, 0.7, downtimeP99: 51)]);
        var t = Target(report, "hot_standby_downtime_us_p99");
        Assert.Equal(TargetStatus.NotMet, t.Status);
        Assert.Equal(51, t.Measured);
    }

    [Fact]
    public void CellWithoutCommittedRun_IsNotMet()
    {
        var report = Report([Cell(MigrationMethod.Precopy, 64, 0.3, committed: 0)]);
        var t = Target(report, "precopy_30pct_64mib_downtime_us_p99");
        Assert.Equal(TargetStatus.NotMet, t.Status);
        Assert.True(double.IsPositiveInfinity(t.Measured));
    }

    [Fact]
    public void PrecopyDowntime_OnlyCountsSixtyFourMiBAtThirtyPercent()
    {
        var report = Report([Cell(MigrationMethod.Precopy, 20, 0.3, downtimeP99: 5000), Cell(MigrationMethod.Precopy, 64, 0.7, downtimeP99: 5000)]);
        Assert.Equal(TargetStatus.NotMeasured, Target(report, "precopy_30pct_64mib_downtime_us_p99").Status);
    }

    [Fact]
    public void PrecopyTotal_UsesTheLinkBandwidthOfTheRun()
    {
        var cells = new[] { Cell(MigrationMethod.Precopy, 20, 0.1, totalMs: 4.0) };
        // 20 MiB: 2.1 ms at 10 GB/s (4.0 ms = 1.91x, not met), 4.2 ms at 5 GB/s (0.95x, met).
        Assert.Equal(TargetStatus.NotMet, Target(Report(cells, 10e9), "precopy_10pct_total_over_size_per_bandwidth").Status);
        Assert.Equal(TargetStatus.Met, Target(Report(cells, 5e9), "precopy_10pct_total_over_size_per_bandwidth").Status);
        Assert.Equal(TargetStatus.NotMeasured, Target(Report(cells, 0), "precopy_10pct_total_over_size_per_bandwidth").Status);
    }

    [Fact]
    public void PrecopyTotal_DividesByTheStateTransferRateOfEachSize_AndShowsThePeakRatioToo()
    {
        var cells = new[] { Cell(MigrationMethod.Precopy, 20, 0.1, totalMs: 4.0), Cell(MigrationMethod.Precopy, 64, 0.1, totalMs: 9.0) };
        // Peak 20 GB/s (20 MiB: 1.05 ms, 3.8x). Moving a state: 20 MiB at 5 GB/s is 4.19 ms
        // (0.95x, met); 64 MiB at 10 GB/s is 6.71 ms (1.34x, met).
        var report = Report(cells, 20e9, stateLink: new Dictionary<int, double> { [20] = 5e9, [64] = 10e9 });
        var target = Target(report, "precopy_10pct_total_over_size_per_bandwidth");
        Assert.Equal(TargetStatus.Met, target.Status);
        Assert.Equal(9.0 / (64 * 1048576 / 10e9 * 1e3), target.Measured, 6);
        Assert.Contains("3.8x of size/peak link rate", target.Detail, StringComparison.Ordinal);

        // 64 MiB moving at 20 GB/s instead: 3.36 ms ideal, the 9.0 ms run is 2.7x.
        var slow = Report(cells, 20e9, stateLink: new Dictionary<int, double> { [20] = 5e9, [64] = 20e9 });
        Assert.Equal(TargetStatus.NotMet, Target(slow, "precopy_10pct_total_over_size_per_bandwidth").Status);
    }

    [Fact]
    public void PrecopyTotal_NotMeasured_NamesTheSizeWithoutAStateTransferRate()
    {
        var cells = new[] { Cell(MigrationMethod.Precopy, 20, 0.1), Cell(MigrationMethod.Precopy, 256, 0.1) };
        var target = Target(Report(cells, 20e9, stateLink: new Dictionary<int, double> { [20] = 5e9 }), "precopy_10pct_total_over_size_per_bandwidth");
        Assert.Equal(TargetStatus.NotMeasured, target.Status);
        Assert.Contains("256 MiB", target.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("20 MiB", target.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCoveredCells_AllNotMeasured()
    {
        var targets = MigrationTargets.Evaluate(Report([Cell(MigrationMethod.Postcopy, 4, 0.3)]));
        Assert.All(targets, t => Assert.Equal(TargetStatus.NotMeasured, t.Status));
        Assert.All(targets, t => Assert.True(double.IsNaN(t.Measured)));
    }
}
