using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Failover;

public class FailoverHandlerTests
{
    [Fact]
    public void Lost_cells_are_re_placed_as_failovers_on_other_nodes()
    {
        var cells = Enumerable.Range(0, 4).Select(i => TestPools.LteCell($"c{i}", site: $"s{i}")).ToList();
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], cells);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0, rebalance: false);
        var node = pool.NodeOf(0);
        pool.Now = 60;
        pool.ClearJournal();
        var lost = pool.Fail(node);
        Assert.NotEmpty(lost);
        scheduler.Schedule(pool, new(60, 60, false, lost));
        foreach (var c in lost)
        {
            Assert.NotEqual(node, pool.NodeOf(c));
            Assert.True(pool.NodeOf(c) >= 0);
            Assert.Contains(pool.Journal, j => j.Cell == c && j.Kind == PlacementChangeKind.Failover && j.FromNode == node);
        }

        Assert.Equal(lost.Count, scheduler.LastFailover.Replaced.Count);
        Assert.Empty(scheduler.LastFailover.NotPlaced);
        Assert.Empty(TestPools.Violations(pool));
    }

    [Fact]
    public void Higher_priority_cells_are_re_placed_first_and_the_rest_reported()
    {
        // 14 cells of 2 cores on a 28-core node; the survivor has 12 usable cores: 6 fit.
        var cells = Enumerable.Range(0, 14).Select(i => TestPools.LteCell($"c{i}", site: $"s{i}", priority: i < 4 ? 9 : 1)).ToList();
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b", cores: 16)], cells, powered: false);
        pool.BringUp(0);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0, rebalance: false);
        pool.BringUp(1);
        pool.Now = 60;
        pool.ClearJournal();
        var lost = pool.Fail(0);
        scheduler.Schedule(pool, new(60, 60, false, lost));
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(1, pool.NodeOf(c));
        }

        Assert.NotEmpty(scheduler.LastFailover.NotPlaced);
        Assert.All(scheduler.LastFailover.NotPlaced, c => Assert.Equal(1, pool.Cell(c).Priority));
        TestPools.AssertWithinCapacity(pool);
    }

    [Fact]
    public void Hot_standby_replicas_live_on_another_node_and_are_promoted_on_failure()
    {
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.LteCell("hs", hotStandby: true)]);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0, rebalance: false);
        var primary = pool.NodeOf(0);
        var standby = pool.StandbyNodeOf(0);
        Assert.True(standby >= 0);
        Assert.NotEqual(primary, standby);
        Assert.Equal(pool.CoresOf(0).Length, pool.StandbyCoresOf(0).Length);
        // Replica cores are counted on its node.
        Assert.Equal(pool.StandbyCoresOf(0).Length, pool.UsedCores(standby));
        pool.Now = 60;
        pool.ClearJournal();
        var lost = pool.Fail(primary);
        scheduler.Schedule(pool, new(60, 60, false, lost));
        Assert.Equal(standby, pool.NodeOf(0));
        Assert.Contains(0, scheduler.LastFailover.Promoted);
        Assert.Empty(TestPools.Violations(pool));
    }

    [Fact]
    public void Cells_not_placed_wait_for_woken_capacity()
    {
        var cells = Enumerable.Range(0, 12).Select(i => TestPools.LteCell($"c{i}", site: $"s{i}")).ToList();
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b"), TestPools.X86("c")], cells, powered: false);
        pool.BringUp(0);
        pool.BringUp(1);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0, rebalance: false);
        pool.Now = 60;
        pool.ClearJournal();
        var failed = pool.NodeOf(0);
        var lost = pool.Fail(failed);
        scheduler.Schedule(pool, new(60, 60, false, lost));
        Assert.Equal(NodeState.Failed, pool.StateOf(failed));
        for (var t = 120; t <= 600; t += 60)
        {
            TestPools.Step(pool, scheduler, t);
        }

        Assert.All(Enumerable.Range(0, 12), c => Assert.True(pool.NodeOf(c) >= 0));
        Assert.Empty(TestPools.Violations(pool));
        Assert.True(scheduler.Consolidator.Woken > 0);
    }
}
