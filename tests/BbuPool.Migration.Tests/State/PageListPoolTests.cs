using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.State;

/// <summary>The pool of page-number lists: a returned list is handed out again, empty, and grown when needed.</summary>
public sealed class PageListPoolTests
{
    [Fact]
    public void AReturnedList_IsHandedOutAgain_Empty_AndGrownToTheNewRegion()
    {
        var pool = new PageListPool();
        var first = pool.Rent(1024);
        Assert.True(first.Capacity >= 1024);
        first.AddRange(Enumerable.Range(0, 1024));
        pool.Return(first);

        var second = pool.Rent(65_536);
        Assert.Same(first, second);
        Assert.Empty(second);
        Assert.True(second.Capacity >= 65_536);
    }

    [Fact]
    public void ThePool_KeepsNoMoreThanItsLimit()
    {
        var pool = new PageListPool(kept: 1);
        var a = pool.Rent(16);
        var b = pool.Rent(16);
        Assert.NotSame(a, b);
        pool.Return(a);
        pool.Return(b);

        Assert.Same(a, pool.Rent(16));
        Assert.NotSame(b, pool.Rent(16));
    }
}
