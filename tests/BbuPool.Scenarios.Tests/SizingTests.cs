using BbuPool.Core.Cost;
using BbuPool.Core.Model;
using BbuPool.Core.Radio;
using Xunit.Abstractions;

namespace BbuPool.Scenarios.Tests;

/// <summary>The shipped scenarios are sized as their README says: room to consolidate, room to fail.</summary>
public sealed class SizingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files() => ShippedScenarioTests.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Peak_demand_needs_roughly_half_the_pool_and_survives_losing_a_node(string file)
    {
        var s = ScenarioLoader.Load(Path.Combine(RepoPaths.Scenarios, file)).Scenario!;
        var model = new ProcessingCostModel(s.CostModel);
        // Capacity in reference-core equivalents: usable cores divided by the node's slowdown.
        var capacity = s.Nodes.Sum(n => n.UsableCores / model.NodeFactor(n.Arch, n.ClockGhz));
        var largest = s.Nodes.Max(n => n.UsableCores / model.NodeFactor(n.Arch, n.ClockGhz));
        var source = s.CreateTraffic(s.Seed);
        var loads = new LoadSample[s.Cells.Count];
        double peak = 0, trough = double.MaxValue;
        var cellPeak = new int[s.Cells.Count];
        for (var t = 0.0; t < s.DurationSeconds; t += 900)
        {
            source.Sample(t, loads);
            var demand = 0;
            for (var i = 0; i < loads.Length; i++)
            {
                var cell = s.Cells[i];
                var micros = model.ReferenceMicrosPerTti(cell, s.Stacks[cell.StackId], loads[i]);
                var cores = ProcessingCostModel.CoresFor(micros, 1.0, RadioTables.TtiSeconds(cell.Rat, cell.Numerology), s.Policy.Headroom);
                cellPeak[i] = Math.Max(cellPeak[i], cores);
                demand += cores;
            }

            peak = Math.Max(peak, demand);
            trough = Math.Min(trough, demand);
        }

        var distributed = cellPeak.Sum();
        output.WriteLine($"{file}: capacity {capacity:F0}, peak {peak} ({peak / capacity:P0}), trough {trough} ({trough / capacity:P0}), sum of cell peaks {distributed} (+{(distributed / peak) - 1:P0})");
        Assert.InRange(peak / capacity, 0.45, 0.75);
        Assert.True(peak <= capacity - largest, "the pool must absorb the loss of its largest node at the peak");
        // Cells keep a load-independent floor (FFT, reference signals: a quarter of the LTE peak), so
        // the night trough is ~55-60 % of the peak demand, not near zero.
        Assert.True(trough < 0.7 * peak, "the night must leave servers to power off");
        Assert.True(distributed > 1.1 * peak, "pooling must beat provisioning every cell for its own peak");
    }
}
