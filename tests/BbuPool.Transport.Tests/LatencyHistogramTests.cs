using BbuPool.Transport.Diagnostics;

namespace BbuPool.Transport.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_OfUniformValues_AreWithinOneBucket()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            histogram.Record(i * 100);
        }

        Assert.Equal(1000, histogram.Count);
        Assert.InRange(histogram.Percentile(50), 50_000 * 0.875, 50_000 * 1.125);
        Assert.InRange(histogram.Percentile(99), 99_000 * 0.875, 99_000 * 1.125);
    }

    [Fact]
    public void Empty_ReportsZero_AndNegativeCountsAsZero()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Percentile(99));
        histogram.Record(-5);
        Assert.Equal(0, histogram.Percentile(50));
        histogram.Reset();
        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(3);
        Assert.Equal(3, histogram.Percentile(50));
    }
}
