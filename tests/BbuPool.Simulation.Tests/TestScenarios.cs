using BbuPool.Core.Cost;
using BbuPool.Core.Events;
using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Scenarios;

namespace BbuPool.Simulation.Tests;

internal static class TestScenarios
{
    public static Scenario Day(int cells = 40, int nodes = 10, IReadOnlyList<ScenarioEvent>? events = null, double step = 300)
    {
        var stacks = new Dictionary<string, StackProfile>
        {
            ["lte"] = new("lte", "acme", Rat.Lte, [CpuArch.X64, CpuArch.Arm64], true, 1.0, 16, 256, 32, 1.0),
            ["nr"] = new("nr", "beta", Rat.Nr, [CpuArch.X64], false, 1.0, 0, 0, 0, 1.5),
        };
        var nodeSpecs = Enumerable.Range(0, nodes)
            .Select(i => new NodeSpec($"n{i:D2}", i % 3 == 2 ? CpuArch.Arm64 : CpuArch.X64, 32, 2, 3.0, 2, 256, 100, 150, 400, 120, "hub"))
            .ToList();
        var cellSpecs = Enumerable.Range(0, cells)
            .Select(i => i % 4 == 3
                ? new CellSpec($"nr{i:D3}", Rat.Nr, 40, 106, 2, 1, "nr", $"s{i % 5}", null, 8, 7, false)
                : new CellSpec($"lte{i:D3}", Rat.Lte, 20, 100, 2, 0, "lte", $"s{i % 5}", i % 8 == 0 ? $"k{i}" : null, 12, 5, false))
            .ToList();
        return new Scenario(
            "test-day",
            "test-day.yaml",
            nodeSpecs,
            nodeSpecs.Select(n => n.Id).ToHashSet(),
            cellSpecs,
            stacks,
            seed => new SineTraffic(cellSpecs.Count, seed),
            events ?? [],
            new PoolPolicy { RebalancePeriodSeconds = 600, CooldownSeconds = 1800 },
            new CostModelOptions(),
            86400,
            step,
            42);
    }
}
