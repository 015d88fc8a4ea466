using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.WakeRequest;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.WakeRequest;

public class WakeRequestPluginTests
{
    [Fact]
    public void Records_placements_but_not_probes()
    {
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c", stack: "lte-x86")]);
        var requests = new CapacityRequests();
        var plugin = new WakeRequestPlugin(requests);
        var state = Cycles.For(pool, 0);
        Assert.Equal(StatusCode.Unschedulable, plugin.PostFilter(state).Code);
        Assert.Equal(1, requests.Cells);
        Assert.Equal(1, requests.X64Only);
        state.RequestCapacity = false;
        plugin.PostFilter(state);
        Assert.Equal(1, requests.Cells);
        requests.Clear();
        Assert.Equal(0, requests.ShortCores);
    }
}
