using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.MigrationBudget;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Plugins.MigrationBudget;

public class MigrationBudgetPluginTests
{
    [Fact]
    public void Placements_are_not_limited()
    {
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c")]);
        var plugin = new MigrationBudgetPlugin(new MigrationLimits());
        var state = Cycles.For(pool, 0);
        Assert.Equal(StatusCode.Skip, plugin.Reserve(state, 0).Code);
        Assert.Equal(StatusCode.Skip, plugin.Permit(state, 0).Code);
    }

    [Fact]
    public void Unreserve_gives_the_booking_back_once()
    {
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.LteCell("c")]);
        Assert.True(pool.TryPlace(0, 0, 2, "seed"));
        var limits = new MigrationLimits();
        limits.BeginStep(2, 60);
        var plugin = new MigrationBudgetPlugin(limits);
        var state = Cycles.For(pool, 0, CycleKind.Move);
        Assert.True(plugin.Reserve(state, 1).IsSuccess);
        Assert.Equal(1, limits.MovesOf(1));
        plugin.Unreserve(state, 1);
        plugin.Unreserve(state, 1);
        Assert.Equal(0, limits.MovesOf(1));
        Assert.Equal(0, limits.MovesOf(0));
    }

    [Fact]
    public void Link_seconds_budget_makes_permit_wait()
    {
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.LteCell("c")]);
        Assert.True(pool.TryPlace(0, 0, 2, "seed"));
        var limits = new MigrationLimits();
        // A 1 ms step: 2 ms of link time, less than one 50 MiB migration (~40 ms at 10 Gbit/s).
        limits.BeginStep(2, 0.001);
        limits.Book(0, 1, 0.001);
        var plugin = new MigrationBudgetPlugin(limits);
        var state = Cycles.For(pool, 0, CycleKind.Move);
        Assert.True(plugin.Reserve(state, 1).IsSuccess);
        Assert.Equal(StatusCode.Wait, plugin.Permit(state, 1).Code);
    }
}
