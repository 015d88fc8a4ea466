using BbuPool.Scheduling.Plugins.Energy;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.Energy;

public class EnergyPluginTests
{
    [Fact]
    public void A_node_already_serving_cells_beats_an_empty_one()
    {
        var pool = TestPools.Create([TestPools.X86("empty"), TestPools.X86("busy")], [TestPools.LteCell("c"), TestPools.LteCell("d")]);
        Assert.True(pool.TryPlace(1, 1, 2, "seed"));
        var state = Cycles.For(pool, 0);
        var plugin = new EnergyPlugin();
        plugin.PreScore(state, [0, 1]);
        Assert.True(plugin.Score(state, 1) > plugin.Score(state, 0));
    }

    [Fact]
    public void More_reference_cores_per_watt_scores_higher()
    {
        var pool = TestPools.Create([TestPools.X86("x"), TestPools.Arm("a")], [TestPools.LteCell("c")]);
        var state = Cycles.For(pool, 0);
        var plugin = new EnergyPlugin();
        plugin.PreScore(state, [0, 1]);
        // x86: 28 ref cores / 420 W = 0.067; arm: 30 / 1.44 / 360 W = 0.058.
        Assert.True(plugin.Score(state, 0) > plugin.Score(state, 1));
    }
}
