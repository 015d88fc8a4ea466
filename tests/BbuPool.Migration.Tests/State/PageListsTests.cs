using BbuPool.Core.Migration;
using BbuPool.Migration.State;
using BbuPool.Migration.Tests.Protocol;

namespace BbuPool.Migration.Tests.State;

/// <summary>A source's page-number list is reused by the next migration instead of allocated again.</summary>
[Collection(SerialCollection.Name)]
public sealed class PageListsTests
{
    [Fact]
    public void AReturnedList_IsHandedOutAgain_Empty_AndGrownToTheNewRegion()
    {
        var pool = new PageLists();
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
        var pool = new PageLists(kept: 1);
        var a = pool.Rent(16);
        var b = pool.Rent(16);
        Assert.NotSame(a, b);
        pool.Return(a);
        pool.Return(b);

        Assert.Same(a, pool.Rent(16));
        Assert.NotSame(b, pool.Rent(16));
    }

    [Theory]
    [InlineData(MigrationMethod.Precopy)]
    [InlineData(MigrationMethod.HotStandby)]
    public async Task AMigrationSource_GivesItsListBack_WhenItsRunEnds(MigrationMethod method)
    {
        var pool = new PageLists();
        await using var rig = new MigrationRig(method) { SourcePageLists = pool };
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        Assert.True(outcome.Committed, outcome.ToString());

        // A list the pool made now would be empty with no room; the source's has room for its region.
        var kept = pool.Rent(0);
        Assert.Empty(kept);
        Assert.True(kept.Capacity >= rig.SourceRegion.PageCount, $"capacity {kept.Capacity}");
    }
}
