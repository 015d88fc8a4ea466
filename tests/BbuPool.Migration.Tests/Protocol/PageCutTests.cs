using BbuPool.Migration.Protocol;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>A cut taken on the TTI thread: the dirty pages' bytes at that instant, its harvest list handed back.</summary>
public sealed class PageCutTests
{
    [Fact]
    public void ACut_HoldsTheDirtyPagesBytes_AsTheyWereWhenTaken()
    {
        using var region = new PageRegion(64);
        region.ClearDirty();
        region.Page(3).Fill(0x33);
        region.MarkPageDirty(3);
        region.Page(40).Fill(0x40);
        region.MarkPageDirty(40);

        using var cut = PageCut.Take(region, lastTti: 7, new PageListPool());
        region.Page(3).Fill(0xEE);

        Assert.Equal(7, cut.LastTti);
        Assert.Equal([3, 40], cut.Pages);
        Assert.True(cut.Bytes(3).SequenceEqual(Enumerable.Repeat((byte)0x33, PageRegion.PageSize).ToArray()));
        Assert.True(cut.Bytes(40).SequenceEqual(Enumerable.Repeat((byte)0x40, PageRegion.PageSize).ToArray()));
        Assert.Equal(0, region.DirtyCount);
    }

    [Fact]
    public void TakingACut_HandsItsHarvestListBack()
    {
        using var region = new PageRegion(64);
        region.MarkPageDirty(5);
        var pool = new PageListPool(kept: 1);
        var kept = pool.Rent(64);
        pool.Return(kept);

        using var cut = PageCut.Take(region, lastTti: 1, pool);

        Assert.Contains(5, cut.Pages);
        Assert.Same(kept, pool.Rent(0));
    }
}
