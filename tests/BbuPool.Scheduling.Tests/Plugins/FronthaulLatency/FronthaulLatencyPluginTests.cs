using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.FronthaulLatency;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.FronthaulLatency;

public class FronthaulLatencyPluginTests
{
    [Fact]
    public void Within_budget_passes()
    {
        // 20 km x 5 µs + 10 µs switching = 110 µs < 250 µs LTE budget.
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c", km: 20)]);
        Assert.True(new FronthaulLatencyPlugin().PreFilter(Cycles.For(pool, 0)).IsSuccess);
    }

    [Fact]
    public void Over_budget_is_unresolvable()
    {
        // 50 km x 5 µs + 10 µs = 260 µs > 250 µs.
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c", km: 50)]);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, new FronthaulLatencyPlugin().PreFilter(Cycles.For(pool, 0)).Code);
    }

    [Fact]
    public void A_degraded_link_blocks_moves_until_it_recovers()
    {
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c", km: 20)]);
        pool.SetSiteLink(pool.SiteOf(0), 200, 10);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, new FronthaulLatencyPlugin().PreFilter(Cycles.For(pool, 0)).Code);
        pool.SetSiteLink(pool.SiteOf(0), 0, double.PositiveInfinity);
        Assert.True(new FronthaulLatencyPlugin().PreFilter(Cycles.For(pool, 0)).IsSuccess);
    }
}
