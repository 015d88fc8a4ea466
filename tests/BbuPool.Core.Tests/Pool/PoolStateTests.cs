using BbuPool.Core.Model;
using BbuPool.Core.Pool;

namespace BbuPool.Core.Tests.Pool;

public class PoolStateTests
{
    [Fact]
    public void Place_Move_Resize_AreJournalledAndKeepBooksStraight()
    {
        var pool = TestPools.Pool([TestPools.Node("n1"), TestPools.Node("n2")], [TestPools.Cell("c1")]);
        Assert.True(pool.TryPlace(0, 0, 3, "initial"));
        Assert.Equal(3, pool.UsedCores(0));
        pool.Now = 100;
        Assert.True(pool.TryPlace(0, 1, 3, "rebalance"));
        Assert.Equal(0, pool.UsedCores(0));
        Assert.Equal(3, pool.UsedCores(1));
        Assert.Equal(100, pool.LastMovedAt(0));
        Assert.True(pool.TryResize(0, 5, "load grew"));
        Assert.Equal(5, pool.CoresOf(0).Length);
        Assert.True(pool.TryResize(0, 2, "load fell"));
        Assert.Equal(2, pool.UsedCores(1));
        Assert.Equal(
            [PlacementChangeKind.Place, PlacementChangeKind.Move, PlacementChangeKind.Resize, PlacementChangeKind.Resize],
            pool.Journal.Select(j => j.Kind));
        Assert.Equal(0, ConstraintChecker.Check(pool));
    }

    [Fact]
    public void Place_FailsWithoutChangingAnything_WhenNodeFull()
    {
        var pool = TestPools.Pool([TestPools.Node("n1", cores: 8, numa: 1, os: 2)], [TestPools.Cell("c1"), TestPools.Cell("c2")]);
        Assert.True(pool.TryPlace(0, 0, 4, "a"));
        Assert.False(pool.TryPlace(1, 0, 4, "b"));
        Assert.Equal(-1, pool.NodeOf(1));
        Assert.Equal(4, pool.UsedCores(0));
        Assert.Single(pool.Journal);
    }

    [Fact]
    public void Fail_UnplacesCellsAndDropsReplicas_RepairReturnsOff()
    {
        var pool = TestPools.Pool([TestPools.Node("n1"), TestPools.Node("n2")], [TestPools.Cell("c1"), TestPools.Cell("c2")]);
        pool.TryPlace(0, 0, 2, "a");
        pool.TryPlace(1, 1, 2, "b");
        Assert.True(pool.TryPlaceStandby(1, 0, 2, "standby"));
        var lost = pool.Fail(0);
        Assert.Equal([0], lost);
        Assert.Equal(-1, pool.NodeOf(0));
        Assert.Equal(-1, pool.StandbyNodeOf(1));
        Assert.Equal(NodeState.Failed, pool.StateOf(0));
        Assert.False(pool.PowerOn(0));
        Assert.True(pool.Repair(0));
        Assert.Equal(NodeState.Off, pool.StateOf(0));
    }

    [Fact]
    public void Standby_IsPromotedOnFailover()
    {
        var pool = TestPools.Pool([TestPools.Node("n1"), TestPools.Node("n2")], [TestPools.Cell("c1")]);
        pool.TryPlace(0, 0, 3, "a");
        Assert.False(pool.TryPlaceStandby(0, 0, 3, "same node is refused"));
        Assert.True(pool.TryPlaceStandby(0, 1, 3, "standby"));
        pool.Fail(0);
        Assert.True(pool.TryPromoteStandby(0, 0, "promote"));
        Assert.Equal(1, pool.NodeOf(0));
        Assert.Equal(PlacementChangeKind.Failover, pool.Journal[^1].Kind);
    }

    [Fact]
    public void PowerOff_RefusesNodeWithStacks_BootTakesTime()
    {
        var pool = TestPools.Pool([TestPools.Node("n1"), TestPools.Node("n2")], [TestPools.Cell("c1")]);
        pool.TryPlace(0, 0, 2, "a");
        Assert.False(pool.PowerOff(0));
        Assert.True(pool.PowerOff(1));
        Assert.True(pool.PowerOn(1));
        Assert.Equal(NodeState.Booting, pool.StateOf(1));
        pool.Now = 59;
        pool.AdvanceBoots();
        Assert.Equal(NodeState.Booting, pool.StateOf(1));
        pool.Now = 60;
        pool.AdvanceBoots();
        Assert.Equal(NodeState.Up, pool.StateOf(1));
    }

    [Fact]
    public void Maintenance_HoldsNodeOff()
    {
        var pool = TestPools.Pool([TestPools.Node("n1")], []);
        Assert.True(pool.StartMaintenance(0, until: 500));
        Assert.Equal(NodeState.Draining, pool.StateOf(0));
        Assert.True(pool.PowerOff(0));
        Assert.False(pool.PowerOn(0));
        pool.Now = 500;
        Assert.True(pool.PowerOn(0));
    }
}
