using BbuPool.Core.Cost;
using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Core.Scheduling;

namespace BbuPool.Scheduling.Tests.Support;

/// <summary>Builds small pools by hand for scheduler tests.</summary>
public static class TestPools
{
    public static readonly ProcessingCostModel CostModel = new(new CostModelOptions());

    public static readonly StackProfile Lte = new("lte", "ref", Rat.Lte, [CpuArch.X64, CpuArch.Arm64], true, 1.0, 48, 160, 24, 2);
    public static readonly StackProfile LteX86Only = new("lte-x86", "acme", Rat.Lte, [CpuArch.X64], true, 0.85, 64, 192, 32, 3);
    public static readonly StackProfile Gsm = new("gsm", "osmo", Rat.Gsm, [CpuArch.X64, CpuArch.Arm64], false, 1.0, 4, 0, 0, 0.5);
    public static readonly StackProfile Nr = new("nr", "srs", Rat.Nr, [CpuArch.X64, CpuArch.Arm64], true, 1.0, 96, 256, 48, 4);

    public static IReadOnlyDictionary<string, StackProfile> Stacks { get; } =
        new Dictionary<string, StackProfile> { ["lte"] = Lte, ["lte-x86"] = LteX86Only, ["gsm"] = Gsm, ["nr"] = Nr };

    public static NodeSpec X86(string id, int cores = 32, string site = "hub") =>
        new(id, CpuArch.X64, cores, 4, 3.0, 2, 256, 100, 170, 420, 120, site);

    public static NodeSpec Arm(string id, int cores = 32, string site = "hub") =>
        new(id, CpuArch.Arm64, cores, 2, 2.6, 2, 256, 100, 150, 360, 90, site);

    public static CellSpec LteCell(string id, string site = "s1", string? cluster = null, int priority = 5, bool hotStandby = false, double km = 5, string stack = "lte") =>
        new(id, Rat.Lte, 20, 100, 2, 0, stack, site, cluster, km, priority, hotStandby);

    public static CellSpec GsmCell(string id, string site = "s1", int priority = 8) =>
        new(id, Rat.Gsm, 0.8, 4, 1, 0, "gsm", site, null, 5, priority, false);

    public static PoolState Create(IReadOnlyList<NodeSpec> nodes, IReadOnlyList<CellSpec> cells, PoolPolicy? policy = null, bool powered = true)
    {
        var pool = new PoolState(nodes, cells, Stacks, policy ?? new PoolPolicy(), CostModel);
        if (powered)
        {
            for (var n = 0; n < pool.NodeCount; n++)
            {
                pool.BringUp(n);
            }
        }

        SetLoad(pool, 0.5);
        return pool;
    }

    /// <summary>Every cell at PRB utilisation <paramref name="util"/>, MCS 20, 40 UEs.</summary>
    public static void SetLoad(PoolState pool, double util)
    {
        for (var c = 0; c < pool.CellCount; c++)
        {
            SetLoad(pool, c, util);
        }
    }

    public static void SetLoad(PoolState pool, int cell, double util)
    {
        var load = new LoadSample(util, 20, 40 * util);
        pool.SetLoad(cell, load, CostModel.Demand(pool.Cell(cell), pool.StackOf(cell), load, pool.Policy.Headroom));
    }

    /// <summary>Runs one step the way the simulator does.</summary>
    public static void Step(PoolState pool, IPoolScheduler scheduler, double now, double dt = 60, bool rebalance = true, IReadOnlyList<int>? lost = null)
    {
        pool.Now = now;
        pool.ClearJournal();
        pool.AdvanceBoots();
        pool.RefreshResourceUse();
        scheduler.Schedule(pool, new SchedulingContext(now, dt, rebalance, lost ?? []));
    }

    public static List<ConstraintViolation> Violations(PoolState pool)
    {
        var list = new List<ConstraintViolation>();
        ConstraintChecker.Check(pool, list);
        return list;
    }

    /// <summary>Asserts the pool's own invariants: no node over its cores, memory or NIC; core bitmaps consistent.</summary>
    public static void AssertWithinCapacity(PoolState pool)
    {
        for (var n = 0; n < pool.NodeCount; n++)
        {
            var spec = pool.Node(n);
            Assert.True(pool.UsedCores(n) <= spec.UsableCores, $"{spec.Id} over cores");
            Assert.Equal(pool.CoresOfNode(n).CountFreeBits(), pool.FreeCores(n));
            Assert.True(pool.MemoryUsed(n) <= spec.MemoryGiB + 1e-6, $"{spec.Id} over memory");
            Assert.True(pool.NicUsed(n) <= spec.NicGbps + 1e-6, $"{spec.Id} over NIC");
        }
    }
}
