using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class MigrationBenchmarkOptionsTests
{
    [Fact]
    public void Repetitions_ScaleDownAboveSixtyFourMiB_NeverBelowTheMinimum()
    {
        var o = new MigrationBenchmarkOptions();
        Assert.Equal(50, o.RepetitionsFor(4));
        Assert.Equal(50, o.RepetitionsFor(64));
        Assert.Equal(12, o.RepetitionsFor(256));
        Assert.Equal(5, o.RepetitionsFor(MigrationBenchmarkOptions.LargeSizeMiB));
    }

    [Fact]
    public void Plan_IsTheGridPlusExtraCellsNotInIt()
    {
        var o = new MigrationBenchmarkOptions
        {
            Methods = [MigrationMethod.Precopy, MigrationMethod.HotStandby],
            SizesMiB = [4, 20],
            Loads = [0.3],
            Repetitions = 3,
            ExtraCells = [new BenchmarkCell(MigrationMethod.Precopy, 64, 0.3), new BenchmarkCell(MigrationMethod.Precopy, 4, 0.3, 9)],
        };
        var plan = o.Plan();
        Assert.Equal(5, plan.Count);
        Assert.Equal(new BenchmarkCell(MigrationMethod.Precopy, 64, 0.3, 3), plan[^1]);
        Assert.All(plan, c => Assert.Equal(3, c.Repetitions));
    }

    [Fact]
    public void MigrationTimeout_GrowsWithSize()
    {
        var o = new MigrationBenchmarkOptions();
        Assert.Equal(TimeSpan.FromSeconds(21), o.MigrationTimeoutFor(4));
        Assert.Equal(TimeSpan.FromSeconds(84), o.MigrationTimeoutFor(256));
    }
}
