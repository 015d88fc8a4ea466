using BbuPool.Core.Model;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.DeadlineFit;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.DeadlineFit;

public class DeadlineFitPluginTests
{
    [Fact]
    public void Largest_usable_numa_domain_excludes_os_cores()
    {
        Assert.Equal(16, DeadlineFitPlugin.LargestUsableNuma(TestPools.X86("x")));
        var tiny = new NodeSpec("t", CpuArch.X64, 8, 4, 3.0, 2, 64, 10, 100, 200, 60, "hub");
        Assert.Equal(4, DeadlineFitPlugin.LargestUsableNuma(tiny));
    }

    [Fact]
    public void A_stack_bigger_than_any_numa_domain_cannot_meet_its_tti_there()
    {
        var tiny = new NodeSpec("t", CpuArch.Arm64, 4, 1, 1.0, 2, 64, 10, 100, 200, 60, "hub");
        var pool = TestPools.Create([tiny, TestPools.X86("x")], [TestPools.LteCell("c")]);
        TestPools.SetLoad(pool, 0, 1.0);
        var state = Cycles.For(pool, 0);
        Assert.True(state.CoresOn(0) > 2);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, new DeadlineFitPlugin().Filter(state, 0).Code);
        Assert.True(new DeadlineFitPlugin().Filter(state, 1).IsSuccess);
    }

    [Fact]
    public void Slower_cores_need_more_of_them()
    {
        var pool = TestPools.Create([TestPools.X86("x"), TestPools.Arm("a")], [TestPools.LteCell("c")]);
        // 80 % load: 1,471 µs per 1 ms TTI x 1.2 headroom = 1.8 x86 cores (2), x 1.44 on aarch64 = 2.5 (3).
        TestPools.SetLoad(pool, 0, 0.8);
        var state = Cycles.For(pool, 0);
        Assert.True(state.CoresOn(1) > state.CoresOn(0));
    }
}
