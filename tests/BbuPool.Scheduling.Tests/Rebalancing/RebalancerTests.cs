using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Rebalancing;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Rebalancing;

public class RebalancerTests
{
    private static readonly PoolPolicy NoConsolidation = new() { Consolidation = new ConsolidationPolicy { Enabled = false, HighUtilisation = 0.85 } };

    private static (PoolState Pool, FrameworkScheduler Scheduler) HotNode()
    {
        var cells = Enumerable.Range(0, 12).Select(i => TestPools.LteCell($"c{i}", site: $"s{i}")).ToList();
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], cells, NoConsolidation);
        var scheduler = new FrameworkScheduler(NoConsolidation);
        scheduler.Prepare(pool, 60);
        for (var c = 0; c < 12; c++)
        {
            Assert.True(scheduler.Placer.Place(c, "seed").IsSuccess);
        }

        return (pool, scheduler);
    }

    [Fact]
    public void Smoother_follows_the_policy_weight()
    {
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c")]);
        var smoother = new LoadSmoother(0.5);
        smoother.Update(pool);
        var first = smoother.Micros(0);
        TestPools.SetLoad(pool, 0, 1.0);
        smoother.Update(pool);
        Assert.Equal((first + pool.Demand(0).MicrosPerTti) / 2, smoother.Micros(0), 6);
    }

    [Fact]
    public void A_node_beyond_the_safe_load_is_relieved_with_an_explained_plan()
    {
        var (pool, scheduler) = HotNode();
        TestPools.SetLoad(pool, 0.9);
        TestPools.Step(pool, scheduler, 0);
        var plan = scheduler.LastPlan;
        Assert.NotEmpty(plan.Moves);
        foreach (var move in plan.Moves)
        {
            Assert.NotEqual(move.FromNode, move.ToNode);
            Assert.Contains("safe load", move.Why, StringComparison.Ordinal);
            Assert.Contains("->", move.ExpectedGain, StringComparison.Ordinal);
            Assert.Contains(pool.Journal, j => j.Kind == PlacementChangeKind.Move && j.Cell == move.Cell && j.Reason.StartsWith("rebalance:", StringComparison.Ordinal));
        }

        for (var n = 0; n < pool.NodeCount; n++)
        {
            Assert.True(Rebalancer.Utilisation(pool, n) <= pool.Policy.Consolidation.HighUtilisation + 1e-9 || plan.Unrelieved.Contains(n));
        }

        Assert.Empty(TestPools.Violations(pool));
    }

    [Fact]
    public void No_cell_moves_again_within_its_cooldown_and_constant_load_converges()
    {
        var (pool, scheduler) = HotNode();
        TestPools.SetLoad(pool, 0.9);
        var lastMove = new Dictionary<int, double>();
        var movesPerStep = new List<int>();
        for (var t = 0; t <= 3600; t += 60)
        {
            TestPools.Step(pool, scheduler, t);
            var moves = 0;
            foreach (var j in pool.Journal.Where(j => j.Kind == PlacementChangeKind.Move))
            {
                if (lastMove.TryGetValue(j.Cell, out var at))
                {
                    Assert.True(t - at >= pool.Policy.CooldownSeconds, $"cell {j.Cell} moved at {at} and {t}");
                }

                lastMove[j.Cell] = t;
                moves++;
            }

            movesPerStep.Add(moves);
        }

        // Under a constant load the plan converges: the last half hour moves nothing.
        Assert.All(movesPerStep.Skip(30), m => Assert.Equal(0, m));
    }

    [Fact]
    public void Two_nodes_never_swap_a_cell_back_and_forth()
    {
        var (pool, scheduler) = HotNode();
        var rng = new Random(7);
        var moves = new List<(int Cell, int From, int To, double At)>();
        for (var t = 0; t <= 7200; t += 60)
        {
            // Noisy but constant on average.
            for (var c = 0; c < pool.CellCount; c++)
            {
                TestPools.SetLoad(pool, c, 0.8 + (0.1 * rng.NextDouble()));
            }

            TestPools.Step(pool, scheduler, t);
            moves.AddRange(pool.Journal.Where(j => j.Kind == PlacementChangeKind.Move).Select(j => (j.Cell, j.FromNode, j.ToNode, (double)t)));
        }

        foreach (var m in moves)
        {
            Assert.DoesNotContain(moves, o => o.Cell == m.Cell && o.From == m.To && o.To == m.From && o.At > m.At && o.At - m.At < pool.Policy.CooldownSeconds);
        }
    }
}
