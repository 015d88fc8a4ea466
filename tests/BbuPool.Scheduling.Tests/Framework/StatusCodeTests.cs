using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Framework;

public class StatusCodeTests
{
    [Fact]
    public void Success_places_the_cell_and_journals_it()
    {
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c0")]);
        var scheduler = new FrameworkScheduler(pool.Policy);
        scheduler.Prepare(pool, 60);
        var result = scheduler.Placer.Place(0, "test");
        Assert.True(result.IsSuccess);
        Assert.Equal(StatusCode.Success, result.Status.Code);
        Assert.Equal(0, pool.NodeOf(0));
        Assert.Equal(pool.CoresNeeded(0, 0), pool.CoresOf(0).Length);
        Assert.Contains(pool.Journal, j => j.Cell == 0 && j.Reason == "test");
    }

    [Fact]
    public void Unschedulable_when_no_node_has_room_and_PostFilter_requests_capacity()
    {
        var cells = Enumerable.Range(0, 30).Select(i => TestPools.LteCell($"c{i}")).ToList();
        var pool = TestPools.Create([TestPools.X86("a")], cells);
        var scheduler = new FrameworkScheduler(pool.Policy);
        scheduler.Prepare(pool, 60);
        ScheduleResult last = default;
        for (var c = 0; c < pool.CellCount; c++)
        {
            last = scheduler.Placer.Place(c, "fill");
        }

        Assert.Equal(StatusCode.Unschedulable, last.Status.Code);
        Assert.True(scheduler.Requests.Cells > 0);
        Assert.True(scheduler.Requests.ShortCores > 0);
        TestPools.AssertWithinCapacity(pool);
    }

    [Fact]
    public void UnschedulableAndUnresolvable_for_a_stack_with_no_build_for_any_up_node()
    {
        var pool = TestPools.Create([TestPools.Arm("arm")], [TestPools.LteCell("c0", stack: "lte-x86")]);
        var scheduler = new FrameworkScheduler(pool.Policy);
        scheduler.Prepare(pool, 60);
        var result = scheduler.Placer.SelectPlace(0);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, result.Status.Code);
        Assert.Equal("ArchCompatibility", result.Status.Plugin);
    }

    [Fact]
    public void UnschedulableAndUnresolvable_from_PreFilter_ends_the_cycle()
    {
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("far", km: 60)]);
        var scheduler = new FrameworkScheduler(pool.Policy);
        scheduler.Prepare(pool, 60);
        var result = scheduler.Placer.Place(0, "x");
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, result.Status.Code);
        Assert.Equal("FronthaulLatency", result.Status.Plugin);
        Assert.Equal(0, result.Feasible);
        Assert.Equal(0, scheduler.Requests.Cells);
    }

    [Fact]
    public void Error_when_the_bind_is_refused_and_reservations_are_released()
    {
        var counter = new CountingPlugin("Counting", bindStatus: Status.Error("Counting", "refused"));
        var framework = new SchedulingFramework([new BbuPool.Scheduling.Plugins.CoreCapacity.CoreCapacityPlugin(), counter], [0, 0]);
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c0")]);
        var index = new PoolIndex();
        index.Attach(pool);
        var state = new CycleState(index);
        state.Begin(0, CycleKind.Place, -1, "x");
        var result = framework.Schedule(state);
        Assert.Equal(StatusCode.Error, result.Status.Code);
        Assert.Equal(1, counter.Reserved);
        Assert.Equal(1, counter.Unreserved);
        Assert.Equal(-1, pool.NodeOf(0));
    }

    [Fact]
    public void Error_when_a_plugin_throws()
    {
        var framework = new SchedulingFramework([new CountingPlugin("Throwing", throwInFilter: true)], [0]);
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c0")]);
        var index = new PoolIndex();
        index.Attach(pool);
        var state = new CycleState(index);
        state.Begin(0, CycleKind.Place, -1, "x");
        Assert.Equal(StatusCode.Error, framework.Select(state).Status.Code);
    }

    [Fact]
    public void Wait_when_the_link_budget_is_spent_and_the_move_is_retried_next_step()
    {
        var cells = Enumerable.Range(0, 3).Select(i => TestPools.LteCell($"c{i}")).ToList();
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], cells);
        var scheduler = new FrameworkScheduler(pool.Policy);
        scheduler.Prepare(pool, 60);
        for (var c = 0; c < 3; c++)
        {
            Assert.True(scheduler.Placer.Place(c, "p").IsSuccess);
        }

        var from = pool.NodeOf(0);
        var to = 1 - from;
        // Two moves per node per step: the third waits.
        var limits = GetLimits(scheduler);
        limits.MaxMovesPerNode = 2;
        Assert.True(scheduler.Placer.Move(0, "m", onlyNode: to).IsSuccess);
        Assert.True(scheduler.Placer.Move(1, "m", onlyNode: to).IsSuccess);
        var third = scheduler.Placer.Move(2, "m", onlyNode: to);
        Assert.Equal(StatusCode.Wait, third.Status.Code);
        Assert.Equal(from, pool.NodeOf(2));
        Assert.Equal(2, limits.MovesOf(to));
        scheduler.Prepare(pool, 60);
        Assert.True(scheduler.Placer.Move(2, "m", onlyNode: to).IsSuccess);
    }

    [Fact]
    public void Skip_in_PreFilter_skips_that_plugins_Filter()
    {
        var skipper = new CountingPlugin("Skipper", preFilterStatus: Status.Skip);
        var framework = new SchedulingFramework([skipper], [0]);
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.LteCell("c0")]);
        var index = new PoolIndex();
        index.Attach(pool);
        var state = new CycleState(index);
        state.Begin(0, CycleKind.Place, -1, "x");
        Assert.True(framework.Select(state).IsSuccess);
        Assert.Equal(0, skipper.Filtered);
    }

    [Fact]
    public void Skip_in_PreScore_skips_that_plugins_Score()
    {
        var skipper = new CountingPlugin("Skipper", preScoreStatus: Status.Skip);
        var framework = new SchedulingFramework([skipper], [1]);
        var pool = TestPools.Create([TestPools.X86("a"), TestPools.X86("b")], [TestPools.LteCell("c0")]);
        var index = new PoolIndex();
        index.Attach(pool);
        var state = new CycleState(index);
        state.Begin(0, CycleKind.Place, -1, "x");
        Assert.True(framework.Select(state).IsSuccess);
        Assert.Equal(2, skipper.Filtered);
        Assert.Equal(0, skipper.Scored);
    }

    [Fact]
    public void Permit_rejection_unreserves_once_even_if_unreserve_is_called_again()
    {
        var counter = new CountingPlugin("Counting", permitStatus: Status.Wait("Counting", "hold"));
        var framework = new SchedulingFramework([counter], [0]);
        var pool = TestPools.Create([TestPools.X86("a")], [TestPools.LteCell("c0")]);
        var index = new PoolIndex();
        index.Attach(pool);
        var state = new CycleState(index);
        state.Begin(0, CycleKind.Place, -1, "x");
        Assert.Equal(StatusCode.Wait, framework.Schedule(state).Status.Code);
        counter.Unreserve(state, 0);
        Assert.Equal(1, counter.Reserved);
        Assert.Equal(1, counter.Unreserved);
    }

    [Fact]
    public void Outcomes_are_counted_by_status_code()
    {
        var pool = TestPools.Create([TestPools.Arm("arm")], [TestPools.LteCell("ok"), TestPools.LteCell("x86", stack: "lte-x86")]);
        var scheduler = new FrameworkScheduler(pool.Policy);
        TestPools.Step(pool, scheduler, 0);
        Assert.True(scheduler.Placer.Outcomes[(int)StatusCode.Success] >= 1);
        Assert.True(scheduler.Placer.Outcomes[(int)StatusCode.UnschedulableAndUnresolvable] >= 1);
        Assert.Equal(1, scheduler.Requests.X64Only);
    }

    private static MigrationLimits GetLimits(FrameworkScheduler scheduler) =>
        (MigrationLimits)typeof(FrameworkScheduler).GetField("_limits", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(scheduler)!;
}
