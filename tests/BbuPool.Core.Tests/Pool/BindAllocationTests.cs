using BbuPool.Core.Pool;

namespace BbuPool.Core.Tests.Pool;

/// <summary>Binding (place, move, resize, re-pin, replica) writes core ids into the pool's flat table: no allocation per bind.</summary>
public class BindAllocationTests
{
    [Fact]
    public void Place_Move_Resize_Standby_AllocateNothing_AfterWarmUp()
    {
        var pool = TestPools.Pool(
            [TestPools.Node("n1", cores: 32), TestPools.Node("n2", cores: 32), TestPools.Node("n3", cores: 32)],
            [TestPools.Cell("c1"), TestPools.Cell("c2")]);

        // Warm-up: the journal and the per-node cell lists reach their capacity, the JIT its tier.
        for (var i = 0; i < 200; i++)
        {
            Cycle(pool);
        }

        pool.ClearJournal();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Cycle(pool);
            pool.ClearJournal();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, ConstraintChecker.Check(pool));
    }

    [Fact]
    public void Resize_RePinsToAnotherDomain_KeepingCoreIdsConsistent()
    {
        // 16 cores, 2 domains of 8, 2 OS cores in domain 0: domain 0 has 6 free, domain 1 has 8.
        var pool = TestPools.Pool([TestPools.Node("n1")], [TestPools.Cell("c1"), TestPools.Cell("c2")]);
        Assert.True(pool.TryPlace(0, 0, 5, "a"));   // best fit: domain 0 (6 free)
        Assert.True(pool.TryPlace(1, 0, 1, "b"));   // domain 0's last core
        Assert.True(pool.TryResize(0, 7, "grow"));  // domain 0 is full: re-pinned to domain 1
        var set = pool.CoresOfNode(0);
        Assert.Equal(7, pool.CoresOf(0).Length);
        Assert.All(pool.CoresOf(0).ToArray(), c => Assert.Equal(1, set.NumaOf(c)));
        Assert.Equal(7, pool.CoresOf(0).ToArray().Distinct().Count());
        Assert.Equal(16 - 2 - 8, set.FreeCount);
        Assert.Equal(set.FreeCount, set.CountFreeBits());
        Assert.Equal(0, ConstraintChecker.Check(pool));
    }

    [Fact]
    public void AddingANodeWithLargerNumaDomains_KeepsEveryCellsCores()
    {
        var pool = TestPools.Pool([TestPools.Node("n1")], [TestPools.Cell("c1")]);
        Assert.True(pool.TryPlace(0, 0, 4, "a"));
        var before = pool.CoresOf(0).ToArray();
        var big = pool.AddNode(TestPools.Node("big", cores: 96, numa: 1));
        pool.BringUp(big);
        Assert.Equal(before, pool.CoresOf(0).ToArray());
        Assert.True(pool.TryPlace(0, big, 60, "move to the big node"));
        Assert.Equal(60, pool.CoresOf(0).Length);
        Assert.Equal(0, pool.UsedCores(0));
        Assert.Equal(0, ConstraintChecker.Check(pool));
    }

    private static void Cycle(PoolState pool)
    {
        pool.TryPlace(0, 0, 3, "place");
        pool.TryPlace(1, 1, 2, "place");
        pool.TryResize(0, 5, "grow");
        pool.TryPlace(0, 2, 4, "move");
        pool.TryPlaceStandby(1, 0, 2, "standby");
        pool.TryResize(1, 1, "shrink");
        pool.RemoveStandby(1);
        pool.Unplace(0, "off");
        pool.Unplace(1, "off");
    }
}
