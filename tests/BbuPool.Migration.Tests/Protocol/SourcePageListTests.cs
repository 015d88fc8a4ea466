using BbuPool.Core.Migration;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>A source gives its page-number list back to the pool when its run ends, however it ends.</summary>
[Collection(SerialCollection.Name)]
public sealed class SourcePageListTests
{
    [Theory]
    [InlineData(MigrationMethod.Precopy)]
    [InlineData(MigrationMethod.HotStandby)]
    public async Task ACommittedRun_GivesItsListBack(MigrationMethod method)
    {
        var pool = new PageListPool();
        await using var rig = new MigrationRig(method) { SourcePageLists = pool };
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        Assert.True(outcome.Committed, outcome.ToString());
        AssertKeptTheSourcesList(pool, rig);
    }

    [Fact]
    public async Task AnAbortedRun_GivesItsListBack()
    {
        var other = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var pool = new PageListPool();
        await using var rig = new MigrationRig(MigrationMethod.Precopy, destinationKey: other) { SourcePageLists = pool };
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        Assert.False(outcome.Source.Committed);
        AssertKeptTheSourcesList(pool, rig);
    }

    private static void AssertKeptTheSourcesList(PageListPool pool, MigrationRig rig)
    {
        // A list the pool made now would be empty with no room; the source's has room for its region.
        var kept = pool.Rent(0);
        Assert.Empty(kept);
        Assert.True(kept.Capacity >= rig.SourceRegion.PageCount, $"capacity {kept.Capacity}");
    }
}
