using BbuPool.Core.Cost;
using BbuPool.Core.Model;

namespace BbuPool.Core.Tests.Cost;

public class ProcessingCostModelTests
{
    private static readonly ProcessingCostModel Model = new(new CostModelOptions());

    [Fact]
    public void Lte100PrbAtMcs27_IsWithinOpenAirInterfaceRange()
    {
        var cell = TestPools.Cell("c", antennas: 2);
        var micros = Model.ReferenceMicrosPerTti(cell, TestPools.LteX86, new LoadSample(1, 27, 100));
        Assert.InRange(micros, 1700, 3000);
    }

    [Fact]
    public void Cost_GrowsWithPrbsAntennasAndMcs()
    {
        var stack = TestPools.LteX86;
        var load = new LoadSample(1, 20, 10);
        var small = Model.ReferenceMicrosPerTti(TestPools.Cell("a", prbs: 50), stack, load);
        var big = Model.ReferenceMicrosPerTti(TestPools.Cell("b", prbs: 100), stack, load);
        var moreAntennas = Model.ReferenceMicrosPerTti(TestPools.Cell("c", prbs: 100, antennas: 4), stack, load);
        var higherMcs = Model.ReferenceMicrosPerTti(TestPools.Cell("d", prbs: 100), stack, load with { Mcs = 28 });
        Assert.True(big > small);
        Assert.True(moreAntennas > big);
        Assert.True(higherMcs > big);
        // About linear in PRBs: doubling PRBs roughly doubles the PRB-dependent work.
        Assert.InRange((big - 30) / (small - 30), 1.95, 2.05);
    }

    [Fact]
    public void ArmAndSlowerClock_CostMoreCores()
    {
        Assert.Equal(1.0, Model.NodeFactor(CpuArch.X64, 3.0), 9);
        Assert.True(Model.NodeFactor(CpuArch.Arm64, 3.0) > 1.0);
        Assert.Equal(1.5, Model.NodeFactor(CpuArch.X64, 2.0), 9);
    }

    [Theory]
    [InlineData(2200, 1.0, 1e-3, 0.2, 3)] // 2.64 busy cores -> 3
    [InlineData(2000, 1.0, 1e-3, 0.0, 2)] // exactly 2 -> 2, not 3
    [InlineData(100, 1.0, 1e-3, 0.2, 1)] // never below one core
    [InlineData(2200, 1.25, 1e-3, 0.2, 4)] // ARM: 3.3 -> 4
    [InlineData(1100, 1.0, 0.5e-3, 0.0, 3)] // NR µ=1: half the TTI, 2.2 -> 3
    public void CoresFor_IsCeilingOfBusyCores(double micros, double factor, double tti, double headroom, int expected) =>
        Assert.Equal(expected, ProcessingCostModel.CoresFor(micros, factor, tti, headroom));

    [Fact]
    public void Demand_StateAndDirtyRateGrowWithUes()
    {
        var cell = TestPools.Cell("c");
        var light = Model.Demand(cell, TestPools.LteX86, new LoadSample(0.1, 10, 5), 0.2);
        var heavy = Model.Demand(cell, TestPools.LteX86, new LoadSample(0.9, 25, 200), 0.2);
        Assert.True(heavy.StateBytes > light.StateBytes);
        Assert.True(heavy.DirtyBytesPerSecond > light.DirtyBytesPerSecond);
        Assert.True(heavy.NicGbps > light.NicGbps);
        Assert.True(heavy.Cores >= heavy.MinCores);
    }

    [Fact]
    public void StatelessStack_HasNoState()
    {
        var stateless = TestPools.LteX86 with { Stateful = false };
        var d = Model.Demand(TestPools.Cell("c"), stateless, new LoadSample(0.5, 15, 50), 0.2);
        Assert.Equal(0, d.StateBytes);
        Assert.Equal(0, d.DirtyBytesPerSecond);
    }
}
