using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.State;

public sealed class PageRegionTests
{
    [Fact]
    public unsafe void Region_IsPageAligned_Zeroed_AndClean()
    {
        using var region = new PageRegion(130);
        fixed (byte* p = region.Page(0))
        {
            Assert.Equal(0, (long)p % PageRegion.PageSize);
        }

        Assert.Equal(130L * 4096, region.Length);
        Assert.Equal(0, region.DirtyCount);
        Assert.True(region.IsZeroPage(129));
        Assert.Equal(130, region.PresentCount);
    }

    [Fact]
    public void Write_MarksEveryCoveredPage_AndHarvestClears()
    {
        using var region = new PageRegion(200);
        region.Write(4096 * 3 + 4000, new byte[200]); // spans pages 3 and 4
        region.Write(4096 * 150, new byte[1]);
        var pages = new List<int>();
        Assert.Equal(3, region.HarvestDirty(pages));
        Assert.Equal([3, 4, 150], pages);
        Assert.Equal(0, region.DirtyCount);
    }

    [Fact]
    public void MarkAllDirty_CoversExactlyThePages()
    {
        using var region = new PageRegion(70);
        region.MarkAllDirty();
        Assert.Equal(70, region.DirtyCount);
        var pages = new List<int>();
        region.HarvestDirty(pages);
        Assert.Equal(Enumerable.Range(0, 70), pages);
    }

    [Fact]
    public void ConcurrentWriterAndHarvester_NeverLoseAWrite()
    {
        // A writer thread rewrites random pages while a tracker harvests and copies, as pre-copy
        // does; after a final harvest with the writer stopped the copy must equal the region.
        using var region = new PageRegion(512);
        using var shadow = new PageRegion(512);
        var done = 0;
        var writer = new Thread(() =>
        {
            var rng = new Random(3);
            var buf = new byte[512];
            for (int i = 0; i < 200_000; i++)
            {
                rng.NextBytes(buf);
                region.Write((long)rng.Next(512) * 4096 + rng.Next(4096 - 512), buf);
            }

            Volatile.Write(ref done, 1);
        });
        writer.Start();
        var pages = new List<int>();
        while (Volatile.Read(ref done) == 0)
        {
            pages.Clear();
            region.HarvestDirty(pages);
            foreach (int p in pages)
            {
                region.Page(p).CopyTo(shadow.Page(p));
            }
        }

        writer.Join();
        pages.Clear();
        region.HarvestDirty(pages);
        foreach (int p in pages)
        {
            region.Page(p).CopyTo(shadow.Page(p));
        }

        Assert.Equal(-1, region.FirstDifferentPage(shadow));
    }

    [Fact]
    public void AbsentPage_FaultsThroughHandler_ThenIsPresent()
    {
        using var region = new PageRegion(8);
        var handler = new StoringHandler(region);
        region.AttachFaultHandler(handler, markAllAbsent: true);
        Assert.Equal(0, region.PresentCount);
        var span = region.Access(4096 * 2 + 10, 5000);
        Assert.Equal([2, 3], handler.Faults);
        Assert.Equal(7, span[0]);
        region.Access(4096 * 2, 10);
        Assert.Equal(2, handler.Faults.Count);
        region.DetachFaultHandler();
        region.Access(0, 1);
        Assert.Equal(2, handler.Faults.Count);
    }

    private sealed class StoringHandler(PageRegion region) : IPageFaultHandler
    {
        public List<int> Faults { get; } = [];

        public void OnFault(int page)
        {
            Faults.Add(page);
            var data = new byte[4096];
            data.AsSpan().Fill(7);
            region.StorePage(page, data);
        }
    }
}
