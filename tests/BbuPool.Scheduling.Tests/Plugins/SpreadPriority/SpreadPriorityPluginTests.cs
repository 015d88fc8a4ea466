using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.SpreadPriority;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.SpreadPriority;

public class SpreadPriorityPluginTests
{
    [Fact]
    public void Low_priority_cells_skip()
    {
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c", priority: 3), TestPools.LteCell("d", priority: 3)]);
        Assert.Equal(StatusCode.Skip, new SpreadPriorityPlugin().PreFilter(Cycles.For(pool, 0)).Code);
    }

    [Fact]
    public void The_last_high_priority_cell_of_a_site_avoids_the_node_holding_the_others()
    {
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.GsmCell("g0"), TestPools.GsmCell("g1")]);
        Assert.True(pool.TryPlace(0, 0, 1, "seed"));
        var state = Cycles.For(pool, 1);
        var plugin = new SpreadPriorityPlugin();
        Assert.True(plugin.PreFilter(state).IsSuccess);
        Assert.Equal(StatusCode.Unschedulable, plugin.Filter(state, 0).Code);
        Assert.True(plugin.Filter(state, 1).IsSuccess);
    }

    [Fact]
    public void The_scheduler_spreads_a_sites_voice_cells()
    {
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.GsmCell("g0"), TestPools.GsmCell("g1"), TestPools.GsmCell("g2")]);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0);
        Assert.All(Enumerable.Range(0, 3), c => Assert.True(pool.NodeOf(c) >= 0));
        Assert.True(Enumerable.Range(0, 3).Select(pool.NodeOf).Distinct().Count() > 1);
    }
}
