using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.ArchCompatibility;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.ArchCompatibility;

public class ArchCompatibilityPluginTests
{
    [Fact]
    public void X86_only_stack_is_rejected_on_arm_and_accepted_on_x86()
    {
        var pool = TestPools.Create([TestPools.X86("x"), TestPools.Arm("a")], [TestPools.LteCell("c", stack: "lte-x86")]);
        var state = Cycles.For(pool, 0);
        var plugin = new ArchCompatibilityPlugin();
        Assert.True(plugin.Filter(state, 0).IsSuccess);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, plugin.Filter(state, 1).Code);
    }

    [Fact]
    public void Multi_arch_stack_runs_anywhere()
    {
        var pool = TestPools.Create([TestPools.X86("x"), TestPools.Arm("a")], [TestPools.LteCell("c")]);
        var state = Cycles.For(pool, 0);
        Assert.True(new ArchCompatibilityPlugin().Filter(state, 1).IsSuccess);
    }
}
