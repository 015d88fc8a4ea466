using BbuPool.Migration.Benchmarking;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class GarbageCollectionsTests
{
    [Fact]
    public void Since_CountsAFullCollection_InEveryGeneration()
    {
        var start = GarbageCollections.Now();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var since = GarbageCollections.Since(start);

        // Other test threads may collect too: at least the one forced here.
        Assert.True(since.Collections >= 1, since.ToString());
        Assert.True(since.Gen1OrOlder >= 1, since.ToString());
        Assert.True(since.Gen2 >= 1, since.ToString());
        Assert.True(since.PauseMs >= 0, since.ToString());
    }

    [Fact]
    public void Describe_SaysHowManyFellInsideCells()
    {
        var c = new GarbageCollections(7, 2, 1, 12.5);
        Assert.Equal("7 (2 of generation 1 or 2, 1 full), paused 12.5 ms; 3 inside cells", c.Describe(3));
        Assert.Equal(new GarbageCollections(5, 1, 0, 2.5), c - new GarbageCollections(2, 1, 1, 10));
    }
}
