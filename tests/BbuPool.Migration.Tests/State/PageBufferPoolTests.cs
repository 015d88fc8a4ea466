using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.State;

/// <summary>The pool of single-page buffers: returned ones are handed out again, up to its limit, and only page-sized ones are taken.</summary>
public sealed class PageBufferPoolTests
{
    [Fact]
    public void AReturnedBuffer_IsHandedOutAgain()
    {
        var pool = new PageBufferPool();
        var page = pool.Rent();
        Assert.Equal(PageRegion.PageSize, page.Length);
        pool.Return(page);

        Assert.Equal(1, pool.Count);
        Assert.Same(page, pool.Rent());
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void ThePool_KeepsNoMoreThanItsLimit()
    {
        var pool = new PageBufferPool(kept: 1);
        var a = pool.Rent();
        var b = pool.Rent();
        pool.Return(a);
        pool.Return(b);

        Assert.Equal(1, pool.Count);
        Assert.Same(a, pool.Rent());
        Assert.NotSame(b, pool.Rent());
    }

    [Fact]
    public void ABufferOfAnotherSize_IsRefused()
    {
        var pool = new PageBufferPool();
        Assert.Throws<ArgumentException>(() => pool.Return(new byte[100]));
        Assert.Equal(0, pool.Count);
    }
}
