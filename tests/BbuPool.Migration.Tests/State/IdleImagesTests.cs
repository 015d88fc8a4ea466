using System.Runtime.InteropServices;
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
        Assert.True(IdleImages.Shared.IdleBytes + (Pages * (long)PageRegion.PageSize) <= IdleImages.Shared.MaxIdleBytes, "the pool is too full for this test to park an image");
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
        nuint huge = (nuint)IdleImages.Shared.MaxIdleBytes + 4096;
        byte dummy = 0;
        long before = IdleImages.Shared.IdleBytes;
        Assert.False(IdleImages.Shared.TryPark(&dummy, huge));
        Assert.Equal(before, IdleImages.Shared.IdleBytes);
    }

    [Fact]
    public unsafe void Parking_PastTheLimit_UnmapsTheOldestParkedImagesFirst()
    {
        // A private pool of three pages: parking a two-page image after three one-page ones
        // evicts the two oldest, keeps the newest, and serves the new one by its size.
        Released.Clear();
        var pool = new IdleImages(3 * 4096, &Release);
        byte* a = Block(1), b = Block(1), c = Block(1), big = Block(2);
        Assert.True(pool.TryPark(a, 4096));
        Assert.True(pool.TryPark(b, 4096));
        Assert.True(pool.TryPark(c, 4096));

        Assert.True(pool.TryPark(big, 2 * 4096));

        Assert.Equal([(nint)a, (nint)b], Released);
        Assert.Equal(3 * 4096, pool.IdleBytes);
        Assert.True(pool.TryTake(2 * 4096) == big);
        Assert.True(pool.TryTake(4096) == c);
        Assert.True(pool.TryTake(4096) == null);
        Assert.False(new Span<byte>(big, 2 * 4096).ContainsAnyExcept((byte)0), "a parked image comes back scrubbed");
        byte* huge = Block(4);
        Assert.False(pool.TryPark(huge, 4 * 4096), "an image larger than the whole pool is never parked");
        Assert.Equal(2, Released.Count);
        NativeMemory.AlignedFree(huge);
        NativeMemory.AlignedFree(big);
        NativeMemory.AlignedFree(c);
    }

    private static readonly List<nint> Released = [];

    private static unsafe void Release(byte* block, nuint bytes)
    {
        Released.Add((nint)block);
        NativeMemory.AlignedFree(block);
    }

    private static unsafe byte* Block(int pages)
    {
        var block = (byte*)NativeMemory.AlignedAlloc((nuint)pages * 4096, 4096);
        new Span<byte>(block, pages * 4096).Fill(0xEE);
        return block;
    }

    private static unsafe nint Address(PageRegion region)
    {
        fixed (byte* p = region.Page(0))
        {
            return (nint)p;
        }
    }
}
