using BbuPool.Core.Cost;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.MigrationCost;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.MigrationCost;

public class MigrationCostPluginTests
{
    [Fact]
    public void Cost_grows_with_state_and_dirty_rate()
    {
        var small = MigrationCostPlugin.EstimateSeconds(new CellDemand(0, 1, 1, 1, 1, 50L << 20, 0));
        var big = MigrationCostPlugin.EstimateSeconds(new CellDemand(0, 1, 1, 1, 1, 500L << 20, 0));
        var dirty = MigrationCostPlugin.EstimateSeconds(new CellDemand(0, 1, 1, 1, 1, 50L << 20, 500e6));
        var never = MigrationCostPlugin.EstimateSeconds(new CellDemand(0, 1, 1, 1, 1, 50L << 20, 5e9));
        Assert.True(big > small);
        Assert.True(dirty > small);
        Assert.True(never > small);
    }

    [Fact]
    public void Skipped_for_cells_with_nothing_to_move()
    {
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c")]);
        Assert.Equal(StatusCode.Skip, new MigrationCostPlugin().PreScore(Cycles.For(pool, 0), []).Code);
    }

    [Fact]
    public void Prefers_the_current_node_then_the_same_site()
    {
        var pool = TestPools.Create([TestPools.X86("a", site: "A"), TestPools.X86("b", site: "A"), TestPools.X86("c", site: "B")], [TestPools.LteCell("c")]);
        Assert.True(pool.TryPlace(0, 0, 2, "seed"));
        var state = Cycles.For(pool, 0, CycleKind.Move);
        var plugin = new MigrationCostPlugin();
        Assert.True(plugin.PreScore(state, [1, 2]).IsSuccess);
        Assert.True(plugin.Score(state, 0) > plugin.Score(state, 1));
        Assert.True(plugin.Score(state, 1) > plugin.Score(state, 2));
    }
}
