using BbuPool.Core.Cost;
using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;

namespace BbuPool.Core.Tests;

/// <summary>Small hand-built pools for unit tests.</summary>
internal static class TestPools
{
    public static readonly StackProfile LteX86 = new("lte-x86", "acme", Rat.Lte, [CpuArch.X64], true, 1.0, 16, 256, 32, 1.0);
    public static readonly StackProfile LteBoth = new("lte-any", "acme", Rat.Lte, [CpuArch.X64, CpuArch.Arm64], true, 1.0, 16, 256, 32, 1.0);

    public static NodeSpec Node(string id, CpuArch arch = CpuArch.X64, int cores = 16, int numa = 2, int os = 2, string site = "hub") =>
        new(id, arch, cores, os, 3.0, numa, 128, 100, 150, 400, 60, site);

    public static CellSpec Cell(string id, string stack = "lte-x86", int prbs = 100, int antennas = 2, string? cluster = null, double km = 10) =>
        new(id, Rat.Lte, 20, prbs, antennas, 0, stack, "site-a", cluster, km, 5, false);

    public static PoolState Pool(IReadOnlyList<NodeSpec> nodes, IReadOnlyList<CellSpec> cells, PoolPolicy? policy = null)
    {
        var stacks = new Dictionary<string, StackProfile> { [LteX86.Id] = LteX86, [LteBoth.Id] = LteBoth };
        var pool = new PoolState(nodes, cells, stacks, policy ?? new PoolPolicy(), new ProcessingCostModel(new CostModelOptions()));
        for (var n = 0; n < pool.NodeCount; n++)
        {
            pool.BringUp(n);
        }

        var model = pool.CostModel;
        for (var c = 0; c < pool.CellCount; c++)
        {
            pool.SetDemand(c, model.Demand(pool.Cell(c), pool.StackOf(c), new LoadSample(1, 27, 50), pool.Policy.Headroom));
        }

        return pool;
    }
}
