using BbuPool.Migration.Benchmarking;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class PercentilesTests
{
    [Fact]
    public void NearestRank_OnOneToHundred()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(50, Percentiles.Median(values));
        Assert.Equal(99, Percentiles.Of(values, 0.99));
        Assert.Equal(100, Percentiles.Of(values, 1.0));
        Assert.Equal(1, Percentiles.Of(values, 0.0));
    }

    [Fact]
    public void P99_UnderHundredSamples_IsTheMaximum()
    {
        var values = new List<double> { 3, 1000, 7, 5, 9 };
        Assert.Equal(1000, Percentiles.Of(values, 0.99));
        Assert.Equal(7, Percentiles.Median(values));
    }

    [Fact]
    public void Empty_IsNaN_AndBadQuantileThrows()
    {
        Assert.True(double.IsNaN(Percentiles.Median([])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0], 1.5));
    }
}
