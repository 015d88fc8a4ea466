using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.State;

public sealed class IdleImagesTests
{
    [Fact]
    public unsafe void A_FreedImage_IsScrubbed_AndServesTheNextOfItsSize()
    {
        // An odd size no other test uses, so a parallel test cannot take the parked image first.
        const int Pages = 1237;
        var region = new PageRegion(Pages);
        for (int p = 0; p < Pages; p++)
        {
            region.Page(p).Fill((byte)(p | 1));
        }

        nint first = Address(region);
        Assert.True(IdleImages.IdleBytes + (Pages * (long)PageRegion.PageSize) <= IdleImages.MaxIdleBytes, "the pool is too full for this test to park an image");
        region.Dispose();

        using var next = new PageRegion(Pages);
        Assert.Equal(first, Address(next));
        for (int p = 0; p < Pages; p++)
        {
            Assert.True(next.IsZeroPage(p), $"page {p} of a reused image is not zero");
        }
    }

    [Fact]
    public unsafe void The_Pool_KeepsNoMoreThanItsLimit()
    {
        // Parking past the limit is refused (the caller unmaps instead) and leaves the count alone.
        nuint huge = (nuint)IdleImages.MaxIdleBytes + 4096;
        byte dummy = 0;
        long before = IdleImages.IdleBytes;
        Assert.False(IdleImages.TryPark(&dummy, huge));
        Assert.Equal(before, IdleImages.IdleBytes);
    }

    private static unsafe nint Address(PageRegion region)
    {
        fixed (byte* p = region.Page(0))
        {
            return (nint)p;
        }
    }
}
