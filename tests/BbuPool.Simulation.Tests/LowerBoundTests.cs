using BbuPool.Core.Cost;
using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Scheduling;
using BbuPool.Simulation.Costing;

namespace BbuPool.Simulation.Tests;

public class LowerBoundTests
{
    private static LowerBound Bound(params int[] usableCores)
    {
        var nodes = usableCores.Select((c, i) => new NodeSpec($"n{i}", CpuArch.X64, c + 2, 2, 3.0, 1, 256, 100, 150, 400, 60, "hub")).ToList();
        var stacks = new Dictionary<string, StackProfile>();
        var pool = new PoolState(nodes, [], stacks, new PoolPolicy(), new ProcessingCostModel(new CostModelOptions()));
        var bound = new LowerBound();
        bound.Refresh(pool);
        return bound;
    }

    [Fact]
    public void WithoutSpare_CountsTheLargestNodesThatCoverTheDemand()
    {
        var bound = Bound(30, 30, 30, 30);
        Assert.Equal(0, bound.Nodes(0, 0, 0));
        Assert.Equal(1, bound.Nodes(30, 0, 0));
        Assert.Equal(2, bound.Nodes(31, 0, 0));
    }

    [Fact]
    public void WithSpare_TheNodesLeftAfterLosingTheLargestMustCoverTheDemand()
    {
        // Equal nodes: N+k is the spare-free bound + k.
        Assert.Equal(3, Bound(30, 30, 30, 30).Nodes(31, 0, 0, spare: 1));
        // Unequal nodes: losing the 60-core node leaves 30-core ones, so 3 nodes are not enough for 61.
        var mixed = Bound(60, 30, 30, 30);
        Assert.Equal(2, mixed.Nodes(61, 0, 0));
        Assert.Equal(4, mixed.Nodes(61, 0, 0, spare: 1));
        // No demand, no spare needed (an empty pool powers nothing).
        Assert.Equal(0, mixed.Nodes(0, 0, 0, spare: 1));
    }

    [Fact]
    public void FrameworkScheduler_StaysWithinOneNodeOfTheLowerBound_OnASmallDay()
    {
        // Issue 4 item 8 as a property of a small pool (10 nodes, 40 cells, N+1): every judged step
        // powers at most the policy's lower bound + 1.
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var scenario = TestScenarios.Day(step: 60);
            var report = new SimulationEngine(scenario, new FrameworkScheduler(scenario.Policy), new ClosedFormPrecopyModel(), new SimulationSettings { Seed = seed }).Run();
            Assert.InRange(report.MaxNodesOverLowerBound, int.MinValue, 1);
            Assert.Equal(0, report.ConstraintViolations);
            Assert.Equal(0, report.MigrationsWithinCooldown);
        }
    }
}
