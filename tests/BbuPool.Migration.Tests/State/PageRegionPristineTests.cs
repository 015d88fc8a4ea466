using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.State;

/// <summary>A zero page arriving for a pristine page skips the clear; a touched page is cleared.</summary>
public sealed class PageRegionPristineTests
{
    [Fact]
    public void FreshRegion_EveryPageIsPristine()
    {
        using var region = new PageRegion(70);
        Assert.All(Enumerable.Range(0, 70), p => Assert.True(region.IsPristine(p)));
    }

    [Fact]
    public void EveryWritableView_EndsThePristineStateOfExactlyItsPages()
    {
        using var region = new PageRegion(200);
        region.Write((4096 * 3) + 4000, new byte[200]); // pages 3 and 4
        region.StorePage(10, new byte[4096]);
        _ = region.Page(20);
        _ = region.Raw((4096 * 30) + 1, 4096); // pages 30 and 31
        _ = region.Access(4096 * 40, 1);
        var touched = new[] { 3, 4, 10, 20, 30, 31, 40 };
        for (int p = 0; p < 200; p++)
        {
            Assert.Equal(!touched.Contains(p), region.IsPristine(p));
        }
    }

    [Fact]
    public void TouchedPageCount_CountsThePagesHandedOut_InEveryWord()
    {
        // 130 pages: two full bitmap words and a third with 2 pages, whose unused bits must not count.
        using var region = new PageRegion(130);
        Assert.Equal(0, region.TouchedPageCount);
        region.Page(0).Fill(1);
        region.Page(63).Fill(1);
        region.Page(64).Fill(1);
        region.Page(129).Fill(1);
        _ = region.ReadPage(100);
        region.ZeroPage(101);
        Assert.Equal(4, region.TouchedPageCount);
        region.Page(0).Fill(2);
        Assert.Equal(4, region.TouchedPageCount);
    }

    [Fact]
    public void ReadPage_LeavesThePageAndItsPristineStateAsTheyWere()
    {
        using var region = new PageRegion(4);
        region.Page(2).Fill(0x2A);
        Assert.True(region.ReadPage(1).SequenceEqual(new byte[PageRegion.PageSize]));
        Assert.All(region.ReadPage(2).ToArray(), b => Assert.Equal(0x2A, b));
        Assert.True(region.IsPristine(1));
        Assert.False(region.IsPristine(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => region.ReadPage(4).Length);
    }

    [Fact]
    public void ZeroPage_OnATouchedPage_ClearsItsBytes()
    {
        // The case the skip must never take: a page written through a view (a delta applied in
        // place, say) and then sent as a zero page.
        using var region = new PageRegion(8);
        region.Page(5).Fill(0x5A);
        region.ZeroPage(5);
        Assert.True(region.IsZeroPage(5));
        Assert.True(region.IsPresent(5));
    }

    [Fact]
    public void ZeroPage_OnAPristinePage_LeavesItPristineZeroAndPresent()
    {
        using var region = new PageRegion(8);
        region.AttachFaultHandler(new NoFaults(), markAllAbsent: true);
        region.ZeroPage(2);
        Assert.True(region.IsPristine(2));
        Assert.True(region.IsPresent(2));
        Assert.False(region.IsPresent(3));
        region.DetachFaultHandler();
        Assert.True(region.IsZeroPage(2));
    }

    /// <summary>
    /// Redundancy's checkpoint: a page pristine on both sides is zero on both and is left alone
    /// (it stays pristine); a page written on either side is copied, so one written only here
    /// comes back to the source's zeros.
    /// </summary>
    [Fact]
    public void CopyFrom_SkipsPagesPristineOnBothSides_AndCopiesTheRest()
    {
        using var source = new PageRegion(5);
        source.Write(4096, [1, 2, 3]);
        source.Write(2 * 4096, [4]);
        using var copy = new PageRegion(5);
        copy.Write(4 * 4096, [9]);

        copy.CopyFrom(source);

        Assert.Equal([true, false, false, true, false], Enumerable.Range(0, 5).Select(copy.IsPristine));
        Assert.True(copy.ContentEquals(source));
        copy.ZeroPage(1);
        Assert.True(copy.IsZeroPage(1));
    }

    [Fact]
    public void ZeroPage_OutOfRange_Throws()
    {
        using var region = new PageRegion(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => region.ZeroPage(3));
    }

    private sealed class NoFaults : IPageFaultHandler
    {
        public void OnFault(int page) => throw new InvalidOperationException($"unexpected fault on page {page}");
    }
}
