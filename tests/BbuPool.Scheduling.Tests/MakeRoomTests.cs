using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests;

/// <summary>
/// Metro-large at 13:30 (issue 4): after a node failure the pool had the cores for the lost NR
/// stacks, but split over NUMA domains, and the stacks stayed dark for the 150 s a woken node took
/// to boot (300 unplaced cell-steps). A neighbour moved out of a domain opens it at once.
/// </summary>
public class MakeRoomTests
{
    [Fact]
    public void A_lost_cell_whose_cores_are_split_over_domains_is_re_placed_at_once_by_moving_a_neighbour()
    {
        var cells = new List<CellSpec> { TestPools.LteCell("big", site: "sb", priority: 6) };
        cells.AddRange(Enumerable.Range(0, 4).Select(i => TestPools.LteCell($"block{i}", site: $"s{i}")));
        cells.AddRange(Enumerable.Range(0, 2).Select(i => TestPools.GsmCell($"filler{i}", site: $"f{i}", priority: 3)));
        var nodes = new[] { TestPools.X86("a"), TestPools.X86("b"), TestPools.X86("c"), TestPools.X86("spare") };
        var policy = new PoolPolicy { Consolidation = new ConsolidationPolicy { Enabled = false } };
        var pool = TestPools.Create(nodes, cells, policy, powered: false);
        for (var n = 0; n < 3; n++)
        {
            pool.BringUp(n);
        }

        TestPools.SetLoad(pool, 0, 1.0);
        for (var c = 1; c < pool.CellCount; c++)
        {
            TestPools.SetLoad(pool, c, 0.1);
        }

        var need = pool.CoresNeeded(0, 0);
        Assert.True(need >= 2, "the lost stack needs more cores than a filler frees");
        Assert.True(pool.TryPlace(0, 2, need, "setup"));
        // On a and b: each NUMA domain keeps need - 1 free cores; one domain holds a 1-core filler.
        for (var n = 0; n < 2; n++)
        {
            var set = pool.CoresOfNode(n);
            var tight = set.FreeInNuma(0) <= set.FreeInNuma(1) ? 0 : 1;
            var other = 1 - tight;
            var otherFree = set.FreeInNuma(other);
            Assert.True(pool.TryPlace(1 + (2 * n), n, set.FreeInNuma(tight) - need, "setup"));
            Assert.True(pool.TryPlace(5 + n, n, 1, "setup"));
            Assert.True(pool.TryPlace(2 + (2 * n), n, otherFree - (need - 1), "setup"));
            Assert.Equal(need - 1, set.FreeInNuma(tight));
            Assert.Equal(need - 1, set.FreeInNuma(other));
        }

        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0, dt: 1, rebalance: false);
        pool.Now = 1000;
        pool.ClearJournal();
        var lost = pool.Fail(2);
        Assert.Equal([0], lost);
        scheduler.Schedule(pool, new(1000, 1, false, lost));

        Assert.True(pool.NodeOf(0) is 0 or 1, "re-placed on a or b in the step of the failure");
        Assert.Equal(need, pool.CoresOf(0).Length);
        Assert.Contains(pool.Journal, j => j.Kind == PlacementChangeKind.Move && j.Reason.StartsWith("making room", StringComparison.Ordinal));
        Assert.Contains(pool.Journal, j => j.Cell == 0 && j.Kind == PlacementChangeKind.Failover);
        Assert.Equal(1, pool.Journal.Count(j => j.Kind == PlacementChangeKind.Move));
        Assert.Empty(TestPools.Violations(pool));
        TestPools.AssertWithinCapacity(pool);
    }
}
