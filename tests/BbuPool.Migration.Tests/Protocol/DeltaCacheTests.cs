using BbuPool.Migration.Protocol;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Protocol;

public sealed class DeltaCacheTests
{
    private const int Page = PageRegion.PageSize;

    [Fact]
    public void Page0_IsEmpty_ThenCachedRaw_ThenAsZero_AndACollidingPageEvictsIt()
    {
        using var cache = new DeltaCache(4 * Page, Page, 16);
        Assert.True(cache.TryGet(0).IsEmpty);

        var bytes = Enumerable.Range(0, Page).Select(i => (byte)(i * 7)).ToArray();
        cache.Put(0, bytes);
        Assert.True(cache.TryGet(0).SequenceEqual(bytes));

        cache.PutZero(0);
        Assert.True(cache.TryGet(0) is { Length: Page } zero && !zero.ContainsAnyExcept((byte)0));

        // Page 4 takes page 0's slot (4 slots): page 0 is no longer cached, page 4 is.
        cache.PutZero(4);
        Assert.True(cache.TryGet(0).IsEmpty);
        Assert.Equal(Page, cache.TryGet(4).Length);
        Assert.True(cache.TryGet(8).IsEmpty);
    }

    [Fact]
    public void ANewCache_OnReusedTagArrays_StartsEmpty()
    {
        using (var first = new DeltaCache(64 * Page, Page, 64))
        {
            for (int p = 0; p < 64; p++)
            {
                first.PutZero(p);
            }
        }

        using var second = new DeltaCache(64 * Page, Page, 64);
        Assert.All(Enumerable.Range(0, 64), p => Assert.True(second.TryGet(p).IsEmpty));
    }

    [Fact]
    public unsafe void ADisposedCache_ParksItsMemoryZeroed_HavingClearedOnlyWhatItWrote()
    {
        // 37 pages: a size no other test parks, so the block taken back is this cache's.
        const int Slots = 37;
        var cache = new DeltaCache(Slots * Page, Page, Slots);
        cache.Put(3, Enumerable.Repeat((byte)0xA5, Page).ToArray());
        cache.Put(36, Enumerable.Repeat((byte)0x5A, Page).ToArray());
        cache.PutZero(3);
        cache.Dispose();

        var block = IdleImages.Shared.TryTake((nuint)(Slots * Page));
        Assert.True(block != null);
        try
        {
            Assert.False(new ReadOnlySpan<byte>(block, Slots * Page).ContainsAnyExcept((byte)0));
        }
        finally
        {
            NativePages.Release(block, (nuint)(Slots * Page));
        }
    }

    [Fact]
    public void ADisposedCache_RefusesUse()
    {
        var cache = new DeltaCache(4 * Page, Page, 4);
        cache.Dispose();
        cache.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cache.TryGet(1).Length);
        Assert.Throws<ObjectDisposedException>(() => cache.PutZero(1));
    }
}
