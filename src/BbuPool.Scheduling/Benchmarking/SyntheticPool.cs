using BbuPool.Core.Cost;
using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;

namespace BbuPool.Scheduling.Benchmarking;

/// <summary>
/// A deterministic large pool for the scheduler benchmarks: x86 and aarch64 nodes of 48 cores on
/// two hub sites, and LTE/NR/GSM cells at mixed loads (about 70 % of the pool's cores at the
/// chosen load), so placement is neither trivial nor infeasible.
/// </summary>
public static class SyntheticPool
{
    private static readonly StackProfile Lte = new("lte", "ref", Rat.Lte, [CpuArch.X64, CpuArch.Arm64], true, 1.0, 48, 160, 24, 2);
    private static readonly StackProfile LteX86 = new("lte-x86", "acme", Rat.Lte, [CpuArch.X64], true, 0.85, 64, 192, 32, 3);
    private static readonly StackProfile Nr = new("nr", "srs", Rat.Nr, [CpuArch.X64, CpuArch.Arm64], true, 1.0, 96, 256, 48, 4);
    private static readonly StackProfile Gsm = new("gsm", "osmo", Rat.Gsm, [CpuArch.X64, CpuArch.Arm64], false, 1.0, 4, 0, 0, 0.5);

    /// <summary>Creates the pool with every node Up, cells unplaced and loads set.</summary>
    public static PoolState Create(int nodes, int cells, int seed = 42)
    {
        var rng = new Random(seed);
        var nodeSpecs = new List<NodeSpec>(nodes);
        for (var i = 0; i < nodes; i++)
        {
            var site = i % 2 == 0 ? "hub-a" : "hub-b";
            nodeSpecs.Add(i % 3 == 2
                ? new NodeSpec($"arm-{i:D4}", CpuArch.Arm64, 48, 2, 2.6, 2, 384, 100, 150, 360, 90, site)
                : new NodeSpec($"x86-{i:D4}", CpuArch.X64, 48, 4, 3.0, 2, 384, 100, 170, 420, 120, site));
        }

        var cellSpecs = new List<CellSpec>(cells);
        for (var i = 0; i < cells; i++)
        {
            var site = $"site-{i / 3}";
            // Sectors of one mast form a CoMP cluster for a tenth of the masts.
            var cluster = (i / 3) % 10 == 0 ? $"comp-{i / 3}" : null;
            var km = 2 + rng.Next(12);
            cellSpecs.Add((i % 10) switch
            {
                0 or 1 => new CellSpec($"nr-{i}", Rat.Nr, 40, 106, 4, 1, "nr", site, cluster, km, 6, false),
                2 => new CellSpec($"gsm-{i}", Rat.Gsm, 0.8, 4, 1, 0, "gsm", site, null, km, 8, false),
                3 or 4 => new CellSpec($"acme-{i}", Rat.Lte, 20, 100, 2, 0, "lte-x86", site, cluster, km, 5, false),
                _ => new CellSpec($"lte-{i}", Rat.Lte, 20, 100, 2, 0, "lte", site, cluster, km, 5, false),
            });
        }

        var stacks = new Dictionary<string, StackProfile> { ["lte"] = Lte, ["lte-x86"] = LteX86, ["nr"] = Nr, ["gsm"] = Gsm };
        var model = new ProcessingCostModel(new CostModelOptions());
        var pool = new PoolState(nodeSpecs, cellSpecs, stacks, new PoolPolicy(), model);
        for (var n = 0; n < nodes; n++)
        {
            pool.BringUp(n);
        }

        for (var c = 0; c < cells; c++)
        {
            var load = new LoadSample(0.2 + (0.5 * rng.NextDouble()), 10 + rng.Next(15), 10 + rng.Next(40));
            pool.SetLoad(c, load, model.Demand(pool.Cell(c), pool.StackOf(c), load, pool.Policy.Headroom));
        }

        return pool;
    }

    /// <summary>The demand of <paramref name="cell"/> at PRB utilisation <paramref name="utilisation"/> (for load-change loops, computed ahead).</summary>
    public static CellDemand DemandAt(PoolState pool, int cell, double utilisation)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.CostModel.Demand(pool.Cell(cell), pool.StackOf(cell), new LoadSample(utilisation, 20, 30), pool.Policy.Headroom);
    }
}
