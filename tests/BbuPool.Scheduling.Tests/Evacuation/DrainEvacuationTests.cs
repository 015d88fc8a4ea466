using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Evacuation;

public class DrainEvacuationTests
{
    private static readonly PoolPolicy NoConsolidation = new() { Consolidation = new ConsolidationPolicy { Enabled = false } };

    [Fact]
    public void A_drained_node_loses_its_replicas_too_and_powers_off()
    {
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b"), TestPools.X86("c")], [TestPools.LteCell("hs", hotStandby: true), TestPools.LteCell("plain", site: "s2")], NoConsolidation);
        var scheduler = new FrameworkScheduler(NoConsolidation);
        TestPools.Step(pool, scheduler, 0);
        var standby = pool.StandbyNodeOf(0);
        Assert.True(standby >= 0);
        pool.StartMaintenance(standby, double.PositiveInfinity);
        TestPools.Step(pool, scheduler, 60);
        Assert.Equal(NodeState.Off, pool.StateOf(standby));
        Assert.True(pool.StandbyNodeOf(0) >= 0);
        Assert.NotEqual(standby, pool.StandbyNodeOf(0));
        Assert.NotEqual(pool.NodeOf(0), pool.StandbyNodeOf(0));
        Assert.Empty(TestPools.Violations(pool));
    }

    [Fact]
    public void Cells_in_their_cooldown_wait_and_the_drain_finishes_after_it()
    {
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.LteCell("c")], NoConsolidation);
        var scheduler = new FrameworkScheduler(NoConsolidation);
        TestPools.Step(pool, scheduler, 0);
        var first = pool.NodeOf(0);
        pool.StartMaintenance(first, 300);
        TestPools.Step(pool, scheduler, 60);
        var second = pool.NodeOf(0);
        Assert.NotEqual(first, second);
        // The second node is drained within the cell's 600 s cooldown: the cell waits.
        pool.StartMaintenance(second, double.PositiveInfinity);
        pool.Now = 400;
        TestPools.Step(pool, scheduler, 400);
        Assert.Equal(second, pool.NodeOf(0));
        Assert.Equal(NodeState.Draining, pool.StateOf(second));
        TestPools.Step(pool, scheduler, 700);
        Assert.NotEqual(second, pool.NodeOf(0));
        Assert.True(pool.NodeOf(0) >= 0);
        Assert.Equal(NodeState.Off, pool.StateOf(second));
        Assert.Contains(pool.Journal, j => j.Kind == PlacementChangeKind.Move);
    }
}
