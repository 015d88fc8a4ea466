using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.CoreCapacity;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.CoreCapacity;

public class CoreCapacityPluginTests
{
    [Fact]
    public void Accepts_when_one_numa_domain_has_the_cores()
    {
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c")]);
        Assert.True(new CoreCapacityPlugin().Filter(Cycles.For(pool, 0), 0).IsSuccess);
    }

    [Fact]
    public void Rejects_when_free_cores_are_split_across_numa_domains()
    {
        // 32 cores, 2 NUMA domains of 16, 4 OS cores: domain 0 has 12, domain 1 has 16 usable.
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c")]);
        var set = pool.CoresOfNode(0);
        Assert.NotNull(set.TryTakeIn(1, 14));
        Assert.NotNull(set.TryTakeIn(0, 11));
        // 3 cores free in total (1 + 2), but no domain has the 2 the cell needs? domain 1 has 2.
        var state = Cycles.For(pool, 0);
        Assert.Equal(2, state.CoresOn(0));
        Assert.True(new CoreCapacityPlugin().Filter(state, 0).IsSuccess);
        Assert.NotNull(set.TryTakeIn(1, 1));
        state = Cycles.For(pool, 0);
        var status = new CoreCapacityPlugin().Filter(state, 0);
        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal(2, set.FreeCount);
    }

    [Fact]
    public void Os_cores_are_never_given()
    {
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c")]);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0);
        foreach (var core in pool.CoresOf(0))
        {
            Assert.True(core >= pool.Node(0).OsReservedCores);
        }
    }

    [Fact]
    public void Rejects_a_destination_that_would_pass_the_safe_load()
    {
        var pool = TestPools.Create([TestPools.X86("x")], [TestPools.LteCell("c")]);
        pool.CoresOfNode(0).TryTakeIn(1, 16);
        var state = Cycles.For(pool, 0);
        state.MaxUtilisationAfter = 0.6;
        Assert.Equal(StatusCode.Unschedulable, new CoreCapacityPlugin().Filter(state, 0).Code);
        state.MaxUtilisationAfter = 1;
        Assert.True(new CoreCapacityPlugin().Filter(state, 0).IsSuccess);
    }
}
