using BbuPool.Migration.Protocol;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>The post-copy push order: requested pages, their neighbours, hot pages, then the rest ascending; each needed page once.</summary>
public sealed class PrepagingPredictorTests
{
    [Fact]
    public void ThePushOrder_IsRequested_ThenNeighbours_ThenHot_ThenAscending()
    {
        // Pages 0-15 are needed except 3; 12 and 9 were hot, 5 was requested (window 2: 6, 7).
        using var predictor = new PrepagingPredictor(16, [12, 9], p => p != 3, window: 2);
        predictor.OnRequest([5UL]);

        var order = Drain(predictor);

        Assert.Equal([5, 6, 7, 12, 9, 0, 1, 2, 4, 8, 10, 11, 13, 14, 15], order);
        Assert.Equal(0, predictor.Remaining);
    }

    [Fact]
    public void APredictorOnTablesAnotherOneUsed_StartsClean()
    {
        // The tables are rented by size class (1,000 and 1,024 pages share one): the second
        // predictor gets the first one's, every flag set.
        using (var first = new PrepagingPredictor(1024, [], _ => true, window: 4))
        {
            Assert.Equal(1024, Drain(first).Count);
        }

        using var second = new PrepagingPredictor(1000, [], p => p % 2 == 0, window: 4);
        Assert.Equal(500, second.Remaining);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => 2 * i), Drain(second));
    }

    [Fact]
    public void ARequestOutsideTheImage_IsAProtocolError_EvenOnALargerRentedTable()
    {
        using var predictor = new PrepagingPredictor(1000, [], _ => true, window: 4);
        var abort = Assert.Throws<MigrationAbortedException>(() => predictor.OnRequest([1000UL]));
        Assert.Equal(AbortReason.ProtocolError, abort.Reason);
    }

    private static List<int> Drain(PrepagingPredictor predictor)
    {
        var order = new List<int>();
        Span<int> batch = stackalloc int[3];
        int n;
        while ((n = predictor.Next(batch, out _)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                order.Add(batch[i]);
            }
        }

        return order;
    }
}
