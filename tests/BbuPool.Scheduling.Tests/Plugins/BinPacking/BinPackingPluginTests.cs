using BbuPool.Scheduling.Plugins.BinPacking;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.BinPacking;

public class BinPackingPluginTests
{
    [Fact]
    public void Fuller_node_scores_higher()
    {
        var pool = TestPools.Create([TestPools.X86("empty"), TestPools.X86("busy")], [TestPools.LteCell("c"), TestPools.LteCell("d")]);
        Assert.True(pool.TryPlace(1, 1, 8, "seed"));
        var state = Cycles.For(pool, 0);
        var plugin = new BinPackingPlugin();
        Assert.True(plugin.Score(state, 1) > plugin.Score(state, 0));
    }

    [Fact]
    public void Normalised_scores_lie_in_0_to_100()
    {
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c")]);
        var state = Cycles.For(pool, 0);
        Span<double> scores = [new BinPackingPlugin().Score(state, 0), 2, -1];
        new BinPackingPlugin().NormalizeScores(state, scores);
        foreach (var s in scores)
        {
            Assert.InRange(s, 0, 100);
        }
    }

    [Fact]
    public void Placement_packs_cells_onto_few_nodes()
    {
        var cells = Enumerable.Range(0, 6).Select(i => TestPools.LteCell($"c{i}", site: $"s{i}")).ToList();
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b"), TestPools.X86("c")], cells);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0, rebalance: false);
        Assert.Single(Enumerable.Range(0, 6).Select(pool.NodeOf).Distinct());
    }
}
