using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Consolidation;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Consolidation;

public class ConsolidatorTests
{
    private static PoolState Pool(int nodes, int cells, PoolPolicy? policy = null) =>
        TestPools.Create(
            Enumerable.Range(0, nodes).Select(i => TestPools.X86($"n{i}")).ToList(),
            Enumerable.Range(0, cells).Select(i => TestPools.LteCell($"c{i}", site: $"s{i}")).ToList(),
            policy);

    private static int Powered(PoolState pool) => Enumerable.Range(0, pool.NodeCount).Count(pool.IsPowered);

    [Fact]
    public void Idle_nodes_are_powered_off_down_to_the_lower_bound_plus_spare()
    {
        var pool = Pool(6, 10);
        var scheduler = new FrameworkScheduler(pool.Policy);
        for (var t = 0; t <= 1200; t += 60)
        {
            TestPools.Step(pool, scheduler, t);
        }

        var demand = Enumerable.Range(0, pool.CellCount).Sum(c => pool.Demand(c).Cores);
        var bound = scheduler.Consolidator.LowerBound(pool, demand);
        Assert.True(Powered(pool) <= bound + pool.Policy.Consolidation.SpareNodes);
        Assert.True(Powered(pool) >= bound + pool.Policy.Consolidation.SpareNodes, "never below N+k");
        Assert.All(Enumerable.Range(0, pool.CellCount), c => Assert.True(pool.NodeOf(c) >= 0));
        Assert.Empty(TestPools.Violations(pool));
    }

    [Fact]
    public void Spare_nodes_are_counted_after_losing_the_largest_nodes()
    {
        // One 64-core node and four 32-core nodes: N+1 must survive the loss of the 64-core one.
        var nodes = new List<NodeSpec> { TestPools.X86("big", cores: 64) };
        nodes.AddRange(Enumerable.Range(0, 4).Select(i => TestPools.X86($"n{i}")));
        var pool = TestPools.Create(nodes, [TestPools.LteCell("c0")]);
        var consolidator = new FrameworkScheduler(pool.Policy).Consolidator;
        var small = Consolidator.Capacity(pool, 1);
        var demand = small * 1.5;
        Assert.Equal(1, consolidator.LowerBound(pool, demand));
        // Without the big node two small ones hold 1.5 small nodes' demand: big + 2 small.
        Assert.Equal(3, consolidator.LowerBound(pool, demand, spare: 1));
        // The spare is kept even when there is no demand at all.
        Assert.Equal(1, consolidator.LowerBound(pool, 0, spare: 1));
    }

    [Fact]
    public void Growing_demand_wakes_nodes_that_boot_before_taking_cells()
    {
        var pool = Pool(6, 30);
        TestPools.SetLoad(pool, 0.1);
        var scheduler = new FrameworkScheduler(pool.Policy);
        for (var t = 0; t <= 1200; t += 60)
        {
            TestPools.Step(pool, scheduler, t);
        }

        var before = Powered(pool);
        TestPools.SetLoad(pool, 1.0);
        var sawBooting = false;
        for (var t = 1260; t <= 2400; t += 60)
        {
            TestPools.Step(pool, scheduler, t);
            sawBooting |= Enumerable.Range(0, pool.NodeCount).Any(n => pool.StateOf(n) == NodeState.Booting);
            Assert.Empty(TestPools.Violations(pool));
        }

        Assert.True(sawBooting);
        Assert.True(Powered(pool) > before);
        Assert.True(scheduler.Consolidator.Woken > 0);
        Assert.All(Enumerable.Range(0, pool.CellCount), c => Assert.True(pool.NodeOf(c) >= 0));
    }

    [Fact]
    public void Disabled_consolidation_powers_nothing_off()
    {
        var pool = Pool(4, 4, new PoolPolicy { Consolidation = new ConsolidationPolicy { Enabled = false } });
        var scheduler = new FrameworkScheduler(pool.Policy);
        for (var t = 0; t <= 1200; t += 60)
        {
            TestPools.Step(pool, scheduler, t);
        }

        Assert.Equal(4, Powered(pool));
    }

    [Fact]
    public void Forecaster_follows_an_upward_trend_and_never_forecasts_below_now()
    {
        var f = new DemandForecaster();
        for (var i = 0; i < 8; i++)
        {
            f.Observe(i * 300, 100 + (i * 10));
        }

        Assert.True(f.Slope() > 0);
        Assert.True(f.Forecast(2100, 600, 170) > 170);
        var down = new DemandForecaster();
        for (var i = 0; i < 8; i++)
        {
            down.Observe(i * 300, 200 - (i * 10));
        }

        Assert.Equal(130, down.Forecast(2100, 600, 130));
    }

    [Fact]
    public void Maintenance_drain_empties_the_node_and_powers_it_off()
    {
        var pool = Pool(3, 6, new PoolPolicy { Consolidation = new ConsolidationPolicy { Enabled = false } });
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0);
        var node = pool.NodeOf(0);
        pool.StartMaintenance(node, double.PositiveInfinity);
        TestPools.Step(pool, scheduler, 60);
        Assert.Empty(pool.CellsOn(node));
        Assert.Equal(NodeState.Off, pool.StateOf(node));
        Assert.Contains(pool.Journal, j => j.Kind == PlacementChangeKind.Move && j.Reason.Contains("maintenance", StringComparison.Ordinal));
        Assert.Empty(TestPools.Violations(pool));
    }
}
