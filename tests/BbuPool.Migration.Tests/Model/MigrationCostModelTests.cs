using BbuPool.Core.Migration;
using BbuPool.Migration.Model;
using BbuPool.Migration.Selection;

namespace BbuPool.Migration.Tests.Model;

public sealed class MigrationCostModelTests
{
    private const double Link = 2.5e9;
    private const long MiB = 1L << 20;

    /// <summary>The methods the selector weighs for a stateful stack.</summary>
    public static TheoryData<MigrationMethod> EveryStatefulMethod
    {
        get
        {
            var data = new TheoryData<MigrationMethod>();
            foreach (var m in MigrationCostModel.StatefulMethods)
            {
                data.Add(m);
            }

            return data;
        }
    }

    private static MigrationRequest Req(long bytes, double dirty, MigrationMethod method = MigrationMethod.Auto, double budget = 1e-3, bool stateful = true) =>
        new(bytes, dirty, Link, 1e-3, method, budget, stateful);

    [Fact]
    public void SeedLaw_MatchesFormula_AndDivergesAtTheCliff()
    {
        double t = PrecopyLaw.ConvergenceSeconds(1000, 100, 1000);
        Assert.Equal(1000 / 100.0 * Math.Log(1000 / 900.0), t, 12);
        Assert.Equal(1.0, PrecopyLaw.ConvergenceSeconds(1000, 0, 1000), 12);
        Assert.True(double.IsPositiveInfinity(PrecopyLaw.ConvergenceSeconds(1000, 1000, 1000)));
        Assert.True(PrecopyLaw.ConvergenceSeconds(1000, 999, 1000) > 4 * PrecopyLaw.ConvergenceSeconds(1000, 500, 1000));
        Assert.Equal(1000 * 0.25, PrecopyLaw.Residual(1000, 0.5, 2), 9);
        Assert.Equal(3, PrecopyLaw.RoundsToBudget(1000, 0.5, 1000, 0.13, 30));
    }

    [Fact]
    public void StopAndCopy_DowntimeIsSizeOverBandwidth()
    {
        var model = new MigrationCostModel();
        var e = model.Estimate(Req(256 * MiB, 0, MigrationMethod.StopAndCopy));
        Assert.Equal(256 * MiB / Link, e.DowntimeSeconds, 3);
        Assert.Equal(e.DowntimeSeconds + model.Options.SessionSeconds, e.TotalSeconds, 12);
        Assert.True(e.MissedTtis > 100);
    }

    [Fact]
    public void Precopy_LowDirtyRate_ConvergesUnderBudget_HighRate_DoesNot()
    {
        var model = new MigrationCostModel();
        var low = model.PlanPrecopy(Req(64 * MiB, 0.01 * Link, MigrationMethod.Precopy));
        Assert.True(low.Converged);
        Assert.True(low.Estimate.DowntimeSeconds <= 1e-3);
        Assert.InRange(low.Estimate.TotalSeconds, 64 * MiB / Link, 1.1 * 64 * MiB / Link);

        var mid = model.PlanPrecopy(Req(64 * MiB, 0.5 * Link, MigrationMethod.Precopy));
        Assert.True(mid.Rounds > low.Rounds);

        var high = model.PlanPrecopy(Req(64 * MiB, 1.2 * Link, MigrationMethod.Precopy));
        Assert.False(high.Converged);
        Assert.True(high.Estimate.DowntimeSeconds > 1e-3);
    }

    [Fact]
    public void Postcopy_DowntimeIndependentOfSize_TotalGrowsWithIt()
    {
        var model = new MigrationCostModel();
        var small = model.Estimate(Req(4 * MiB, 0.05 * Link, MigrationMethod.Postcopy));
        var large = model.Estimate(Req(256 * MiB, 0.05 * Link, MigrationMethod.Postcopy));
        Assert.Equal(small.DowntimeSeconds, large.DowntimeSeconds, 9);
        Assert.True(large.TotalSeconds > 10 * small.TotalSeconds);
        Assert.True(large.BytesOnWire < model.Estimate(Req(256 * MiB, 0.05 * Link, MigrationMethod.Precopy)).BytesOnWire + 1);
    }

    [Fact]
    public void Seed002_HotStandbyDowntimeConstant_RedundancyDowntimeGrows()
    {
        var model = new MigrationCostModel();
        long[] sizes = [4 * MiB, 20 * MiB, 40 * MiB, 2000 * MiB];
        var hs = sizes.Select(s => model.Estimate(Req(s, 0.01 * Link, MigrationMethod.HotStandby))).ToArray();
        var red = sizes.Select(s => model.Estimate(Req(s, 0.01 * Link, MigrationMethod.Redundancy))).ToArray();
        Assert.All(hs, e => Assert.Equal(hs[0].DowntimeSeconds, e.DowntimeSeconds, 9));
        Assert.All(hs, e => Assert.Equal(0, e.MissedTtis));
        for (int i = 1; i < sizes.Length; i++)
        {
            Assert.True(red[i].DowntimeSeconds > red[i - 1].DowntimeSeconds);
            Assert.True(hs[i].TotalSeconds > hs[i - 1].TotalSeconds);
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatefulMethod))]
    public void TouchedBytes_ChargeOnlyThePagesEverWritten(MigrationMethod method)
    {
        var model = new MigrationCostModel();
        var whole = model.EstimateMethod(method, Req(256 * MiB, 0.01 * Link, method));
        var known = model.EstimateMethod(method, Req(256 * MiB, 0.01 * Link, method) with { TouchedBytes = 256 * MiB });
        var half = model.EstimateMethod(method, Req(256 * MiB, 0.01 * Link, method) with { TouchedBytes = 128 * MiB });

        // Every page written is the whole state charged; half of them is about half the bytes, and
        // well under the time (hot-standby's review and switch lead, 20 ms, do not shrink).
        Assert.Equal(whole, known);
        Assert.InRange(half.BytesOnWire, 0.45 * whole.BytesOnWire, 0.55 * whole.BytesOnWire);
        Assert.True(half.TotalSeconds < 0.7 * whole.TotalSeconds);
    }

    [Fact]
    public void TouchedBytes_ShortenRedundancysCheckpoint_AndNeverExceedTheState()
    {
        var model = new MigrationCostModel();
        var whole = model.Estimate(Req(256 * MiB, 0.01 * Link, MigrationMethod.Redundancy));
        var half = model.Estimate(Req(256 * MiB, 0.01 * Link, MigrationMethod.Redundancy) with { TouchedBytes = 128 * MiB });
        var over = model.Estimate(Req(256 * MiB, 0.01 * Link, MigrationMethod.Redundancy) with { TouchedBytes = 512 * MiB });
        var switchOnly = new MigrationCostModelOptions().SwitchSeconds;
        Assert.Equal((whole.DowntimeSeconds - switchOnly) / 2, half.DowntimeSeconds - switchOnly, 9);
        Assert.Equal(whole, over);
    }

    [Theory]
    [InlineData(MigrationMethod.StopAndCopy, 0)]
    [InlineData(MigrationMethod.Precopy, 0)]
    [InlineData(MigrationMethod.Postcopy, 8)]
    [InlineData(MigrationMethod.Hybrid, 0)]
    [InlineData(MigrationMethod.Redundancy, 0)]
    [InlineData(MigrationMethod.HotStandby, 10)]
    [InlineData(MigrationMethod.Stateless, 0)]
    public void Totals_ChargeTheSession_AndTheTtisEachMethodWaits(MigrationMethod method, int waitedTtis)
    {
        // Post-copy watches 8 TTIs of writes before it stops; hot-standby agrees its switch 10 ahead.
        var bare = new MigrationCostModel(new MigrationCostModelOptions { SessionSeconds = 0, PostcopyHotWindowTtis = 0, SwitchLeadTtis = 0 });
        var model = new MigrationCostModel();
        var req = Req(64 * MiB, 0.05 * Link, method, stateful: method != MigrationMethod.Stateless);
        var a = bare.EstimateMethod(method, req);
        var b = model.EstimateMethod(method, req);
        Assert.Equal(model.Options.SessionSeconds + (waitedTtis * req.TtiSeconds), b.TotalSeconds - a.TotalSeconds, 9);
        Assert.Equal(a.DowntimeSeconds, b.DowntimeSeconds);
        // Hot-standby feeds its replica an input and an output digest (64 + 8 B) for every TTI of the lead.
        Assert.Equal(a.BytesOnWire + (waitedTtis * (method == MigrationMethod.HotStandby ? 72 : 0)), b.BytesOnWire, 1.0);
    }

    [Theory]
    [MemberData(nameof(EveryStatefulMethod))]
    public void TtiBusyFraction_IsTheSlackAndTheReplaySpeed_ItStandsFor(MigrationMethod method)
    {
        // A stack busy a third of each TTI leaves two thirds as slack and replays 3x real time:
        // the same as a calibration saying so, whatever the method.
        var calibrated = new MigrationCostModel(new MigrationCostModelOptions { TtiSlackFraction = 2.0 / 3, ReplaySpeedup = 3 });
        var measured = new MigrationCostModel(new MigrationCostModelOptions { TtiSlackFraction = 0.1, ReplaySpeedup = 50 });
        var req = Req(64 * MiB, 0.3 * Link, method);
        var a = calibrated.EstimateMethod(method, req);
        var b = measured.EstimateMethod(method, req with { TtiBusyFraction = 1.0 / 3 });
        Assert.Equal(a.TotalSeconds, b.TotalSeconds, 9);
        Assert.Equal(a.DowntimeSeconds, b.DowntimeSeconds, 9);
        Assert.Equal(a.MissedTtis, b.MissedTtis);
        Assert.Equal(a.BytesOnWire, b.BytesOnWire, 1.0);
    }

    [Fact]
    public void TtiBusyFraction_ABusierStack_MissesMore_AndCannotReplayWhenSaturated()
    {
        var model = new MigrationCostModel();
        var stop = Req(64 * MiB, 0, MigrationMethod.StopAndCopy);
        Assert.True(model.Estimate(stop with { TtiBusyFraction = 0.9 }).MissedTtis > 5 * model.Estimate(stop with { TtiBusyFraction = 0.1 }).MissedTtis);

        var replica = Req(64 * MiB, 0.01 * Link, MigrationMethod.Redundancy);
        Assert.True(model.Estimate(replica with { TtiBusyFraction = 0.7 }).TotalSeconds > model.Estimate(replica with { TtiBusyFraction = 0.1 }).TotalSeconds);
        Assert.True(double.IsPositiveInfinity(model.Estimate(replica with { TtiBusyFraction = 1.0 }).TotalSeconds));
        Assert.True(double.IsPositiveInfinity(model.EstimateMethod(MigrationMethod.HotStandby, replica with { TtiBusyFraction = 1.0 }).TotalSeconds));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void Selector_NothingMeetsTheBudget_ASaturatedStacksReplicaIsNotTheLeastDowntime(double busy)
    {
        // A replica of a stack busy all its TTI never catches up: short downtime, infinite total.
        var model = new MigrationCostModel();
        var req = Req(64 * MiB, 0.01 * Link, budget: 1e-6) with { TtiBusyFraction = busy };
        Assert.True(double.IsPositiveInfinity(model.EstimateMethod(MigrationMethod.HotStandby, req).TotalSeconds));
        var sel = model.Select(req);
        Assert.Equal(SelectionReason.NoMethodMeetsBudget, sel.Reason);
        Assert.True(double.IsFinite(sel.Estimate.TotalSeconds), $"{sel.Method} chosen with an infinite total");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    public void TtiBusyFraction_NotAShare_IsUnknown(double busy)
    {
        var model = new MigrationCostModel();
        foreach (var m in MigrationCostModel.StatefulMethods)
        {
            var req = Req(64 * MiB, 0.3 * Link, m);
            Assert.Equal(model.EstimateMethod(m, req), model.EstimateMethod(m, req with { TtiBusyFraction = busy }));
        }
    }

    [Fact]
    public void Redundancy_InfeasibleWhenReplayIsNotFaster()
    {
        var model = new MigrationCostModel(new MigrationCostModelOptions { ReplaySpeedup = 1.0 });
        Assert.True(double.IsPositiveInfinity(model.Estimate(Req(4 * MiB, 0, MigrationMethod.Redundancy)).TotalSeconds));
    }

    [Fact]
    public void Stateless_NoStateMoves()
    {
        var model = new MigrationCostModel();
        var sel = model.Select(Req(64 * MiB, 1e9, stateful: false));
        Assert.Equal(MigrationMethod.Stateless, sel.Method);
        Assert.Equal(SelectionReason.Stateless, sel.Reason);
        Assert.Equal(0, sel.Estimate.MissedTtis);
    }

    [Fact]
    public void Selector_ReadIntensive_PicksPrecopy()
    {
        var sel = new MigrationCostModel().Select(Req(64 * MiB, 0.01 * Link));
        Assert.Equal(WorkloadClass.ReadIntensive, sel.Workload);
        Assert.Equal(MigrationMethod.Precopy, sel.Method);
        Assert.Contains("Precopy", sel.Explain());
    }

    [Fact]
    public void Selector_NonConvergent_TightBudget_TakesLeastDowntime_NotPrecopy()
    {
        var model = new MigrationCostModel();
        var req = Req(64 * MiB, 1.5 * Link, budget: 500e-6);
        var sel = model.Select(req);
        Assert.Equal(WorkloadClass.NonConvergent, sel.Workload);
        Assert.Equal(SelectionReason.NoMethodMeetsBudget, sel.Reason);
        Assert.True(sel.Estimate.DowntimeSeconds < model.EstimateMethod(MigrationMethod.Precopy, req).DowntimeSeconds);
    }

    [Fact]
    public void Selector_WriteIntensive_PicksAFeasibleMethod()
    {
        var model = new MigrationCostModel();
        var req = Req(64 * MiB, 0.5 * Link);
        var sel = model.Select(req);
        Assert.Equal(WorkloadClass.WriteIntensive, sel.Workload);
        Assert.True(MigrationCostModel.IsFeasible(sel.Estimate, req));
        Assert.NotEqual(sel.Method, sel.RunnerUp);
    }

    [Fact]
    public void Selector_Override_And_ImpossibleBudget()
    {
        var model = new MigrationCostModel();
        Assert.Equal(MigrationMethod.Postcopy, model.Select(Req(64 * MiB, 0, MigrationMethod.Postcopy)).Method);
        var none = model.Select(Req(64 * MiB, 0, budget: 0));
        Assert.Equal(SelectionReason.NoMethodMeetsBudget, none.Reason);
    }

    [Fact]
    public void Estimate_Auto_IsAllocationFree()
    {
        var model = new MigrationCostModel();
        var req = Req(64 * MiB, 0.3 * Link) with { TouchedBytes = 32 * MiB, TtiBusyFraction = 0.3 };
        model.Estimate(req);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sink = 0;
        for (int i = 0; i < 1000; i++)
        {
            sink += model.Estimate(req with { DirtyBytesPerSecond = i * 1e6 }).TotalSeconds;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sink > 0);
    }
}
