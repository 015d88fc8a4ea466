using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Properties;

/// <summary>Property tests over random pools, loads and failures (seeded, so every failure reproduces).</summary>
public class RandomPoolPropertyTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 25)];

    private static PoolState RandomPool(Random rng)
    {
        var nodes = new List<NodeSpec>();
        var nodeCount = rng.Next(3, 10);
        for (var i = 0; i < nodeCount; i++)
        {
            var site = rng.Next(3) == 0 ? "B" : "A";
            nodes.Add(rng.Next(2) == 0 ? TestPools.X86($"x{i}", site: site) : TestPools.Arm($"a{i}", site: site));
        }

        var cells = new List<CellSpec>();
        var cellCount = rng.Next(10, 60);
        for (var i = 0; i < cellCount; i++)
        {
            var site = $"s{rng.Next(8)}";
            var km = rng.Next(1, 15);
            cells.Add(rng.Next(4) switch
            {
                0 => TestPools.GsmCell($"g{i}", site, priority: rng.Next(10)),
                1 => new CellSpec($"n{i}", Rat.Nr, 40, 106, 4, 1, "nr", site, rng.Next(3) == 0 ? $"k{i % 5}" : null, km, rng.Next(10), rng.Next(8) == 0),
                2 => TestPools.LteCell($"x{i}", site, priority: rng.Next(10), km: km, stack: "lte-x86"),
                _ => TestPools.LteCell($"l{i}", site, rng.Next(3) == 0 ? $"k{i % 5}" : null, rng.Next(10), rng.Next(8) == 0, km),
            });
        }

        var policy = new PoolPolicy
        {
            RebalancePeriodSeconds = 120,
            Consolidation = new ConsolidationPolicy { HighUtilisation = 0.85, WindowSeconds = 300 },
        };
        var pool = TestPools.Create(nodes, cells, policy);
        RandomLoads(pool, rng);
        return pool;
    }

    private static void RandomLoads(PoolState pool, Random rng)
    {
        for (var c = 0; c < pool.CellCount; c++)
        {
            TestPools.SetLoad(pool, c, rng.NextDouble());
        }
    }

    /// <summary>Runs 40 steps of random loads with one random failure; returns every step's placement.</summary>
    private static List<string> Run(int seed, bool check)
    {
        var rng = new Random(seed);
        var pool = RandomPool(rng);
        var scheduler = new FrameworkScheduler(pool.Policy);
        var trace = new List<string>();
        var failAt = rng.Next(5, 30);
        for (var s = 0; s < 40; s++)
        {
            var now = s * 60.0;
            pool.Now = now;
            pool.ClearJournal();
            pool.AdvanceBoots();
            if (s % 4 == 0)
            {
                RandomLoads(pool, rng);
            }

            pool.RefreshResourceUse();
            IReadOnlyList<int> lost = [];
            if (s == failAt)
            {
                var victim = rng.Next(pool.NodeCount);
                if (pool.StateOf(victim) is NodeState.Up or NodeState.Draining)
                {
                    lost = pool.Fail(victim);
                }
            }

            scheduler.Schedule(pool, new(now, 60, s % 2 == 0, lost));
            if (check)
            {
                TestPools.AssertWithinCapacity(pool);
                var violations = TestPools.Violations(pool);
                Assert.True(violations.Count == 0, $"seed {seed} step {s}: {string.Join("; ", violations.Select(v => v.Detail))}");
            }

            trace.Add(string.Join(",", Enumerable.Range(0, pool.CellCount).Select(c => $"{pool.NodeOf(c)}:{string.Join('.', pool.CoresOf(c).ToArray())}:{pool.StandbyNodeOf(c)}")) +
                      "|" + string.Join(",", Enumerable.Range(0, pool.NodeCount).Select(n => pool.StateOf(n))));
        }

        return trace;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Never_over_capacity_and_every_constraint_holds(int seed) => Run(seed, check: true);

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(19)]
    public void Same_seed_same_placement(int seed) => Assert.Equal(Run(seed, check: false), Run(seed, check: false));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plans_converge_and_do_not_oscillate_under_constant_load(int seed)
    {
        var rng = new Random(seed);
        var pool = RandomPool(rng);
        var scheduler = new FrameworkScheduler(pool.Policy);
        var movesLate = 0;
        var powerChangesLate = 0;
        var previousPowered = -1;
        // Constant load: after the consolidation window, cooldown and a few periods, nothing moves.
        for (var s = 0; s < 60; s++)
        {
            TestPools.Step(pool, scheduler, s * 60.0, rebalance: s % 2 == 0);
            var powered = Enumerable.Range(0, pool.NodeCount).Count(pool.IsPowered);
            if (s >= 40)
            {
                movesLate += pool.Journal.Count(j => j.Kind == PlacementChangeKind.Move);
                powerChangesLate += previousPowered >= 0 && powered != previousPowered ? 1 : 0;
            }

            previousPowered = powered;
        }

        Assert.Equal(0, movesLate);
        Assert.Equal(0, powerChangesLate);
    }
}
