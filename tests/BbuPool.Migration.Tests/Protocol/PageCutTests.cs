using BbuPool.Migration.Protocol;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>A cut taken on the TTI thread: the dirty pages' bytes at that instant, and little allocation once the thread has cut before.</summary>
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

        using var cut = PageCut.Take(region, lastTti: 7);
        region.Page(3).Fill(0xEE);

        Assert.Equal(7, cut.LastTti);
        Assert.Equal([3, 40], cut.Pages);
        Assert.True(cut.Bytes(3).SequenceEqual(Enumerable.Repeat((byte)0x33, PageRegion.PageSize).ToArray()));
        Assert.True(cut.Bytes(40).SequenceEqual(Enumerable.Repeat((byte)0x40, PageRegion.PageSize).ToArray()));
        Assert.Equal(0, region.DirtyCount);
    }

    [Fact]
    public void ALaterCut_OnTheSameThread_AllocatesOnlyItselfAndItsPageArray()
    {
        // 1000 pages of staging is 4,096,000 bytes, under MigrationBuffers' largest pooled size
        // (4 MiB): past 1024 pages every cut would rent a fresh array inside the measured window.
        const int Dirty = 1000;
        using var region = new PageRegion(2 * Dirty);
        using (Cut(region, Dirty))
        {
            // The first cut on this thread grows its harvest list and fills the staging pool's bucket.
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        using (Cut(region, Dirty))
        {
            // The page array is 4 KB here; a list grown afresh would add another 8 KB.
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.InRange(allocated, Dirty * sizeof(int), (Dirty * sizeof(int)) + 1024);
        }
    }

    private static PageCut Cut(PageRegion region, int dirty)
    {
        region.ClearDirty();
        for (int p = 0; p < dirty; p++)
        {
            region.MarkPageDirty(2 * p);
        }

        return PageCut.Take(region, lastTti: 1);
    }
}
