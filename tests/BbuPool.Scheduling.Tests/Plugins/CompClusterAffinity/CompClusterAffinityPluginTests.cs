using BbuPool.Core.Policy;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.CompClusterAffinity;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.CompClusterAffinity;

public class CompClusterAffinityPluginTests
{
    [Fact]
    public void Cell_without_cluster_skips()
    {
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c")]);
        Assert.Equal(StatusCode.Skip, new CompClusterAffinityPlugin(20).PreFilter(Cycles.For(pool, 0)).Code);
    }

    [Fact]
    public void Partner_across_sites_is_too_far_same_site_is_fine()
    {
        var pool = TestPools.Create(
            [TestPools.X86("a1", site: "A"), TestPools.X86("a2", site: "A"), TestPools.X86("b1", site: "B")],
            [TestPools.LteCell("c0", cluster: "k"), TestPools.LteCell("c1", cluster: "k")]);
        Assert.True(pool.TryPlace(0, 0, 2, "seed"));
        var plugin = new CompClusterAffinityPlugin(20);
        var state = Cycles.For(pool, 1);
        Assert.True(plugin.PreFilter(state).IsSuccess);
        Assert.Equal(0, state.CompAnchor);
        Assert.True(plugin.Filter(state, 0).IsSuccess);
        Assert.True(plugin.Filter(state, 1).IsSuccess);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, plugin.Filter(state, 2).Code);
    }

    [Fact]
    public void A_limit_below_the_same_site_latency_forces_one_node()
    {
        var policy = new PoolPolicy { CompMaxInterNodeMicros = 1 };
        var pool = TestPools.Create(
            [TestPools.X86("a1", site: "A"), TestPools.X86("a2", site: "A")],
            [TestPools.LteCell("c0", cluster: "k"), TestPools.LteCell("c1", cluster: "k")],
            policy);
        var scheduler = new FrameworkScheduler(policy);
        TestPools.Step(pool, scheduler, 0);
        Assert.Equal(pool.NodeOf(0), pool.NodeOf(1));
        Assert.Empty(TestPools.Violations(pool));
    }
}
