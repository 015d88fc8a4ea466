using BbuPool.Core.Migration;
using BbuPool.Simulation.Costing;

namespace BbuPool.Simulation.Tests;

public class ClosedFormPrecopyModelTests
{
    private static readonly ClosedFormPrecopyModel Model = new();

    [Fact]
    public void Converging_DowntimeWithinBudgetAndTotalNearSizeOverBandwidth()
    {
        // 64 MiB at 1.25 GB/s with a slow writer: total ~ V0/μ (1 + δ/μ + ...), residual under budget.
        var request = new MigrationRequest(64L << 20, 10e6, 1.25e9, 1e-3, MigrationMethod.Precopy, 1e-3, true);
        var e = Model.Estimate(request);
        Assert.Equal(MigrationMethod.Precopy, e.Method);
        Assert.True(e.DowntimeSeconds <= 1e-3 + ClosedFormPrecopyModel.ControlRoundTripSeconds);
        var floor = (64.0 * (1 << 20)) / 1.25e9;
        Assert.InRange(e.TotalSeconds, floor, floor * 1.1);
        Assert.True(e.BytesOnWire >= 64L << 20);
    }

    [Fact]
    public void NonConverging_StopsAndCopiesTheRest()
    {
        var request = new MigrationRequest(64L << 20, 2e9, 1e9, 1e-3, MigrationMethod.Precopy, 1e-3, true);
        var e = Model.Estimate(request);
        Assert.True(e.DowntimeSeconds > 1e-3);
        Assert.True(e.MissedTtis > 0);
    }

    [Fact]
    public void Stateless_HasNoDowntimeAndNoBytes()
    {
        var e = Model.Estimate(new MigrationRequest(0, 0, 1e9, 1e-3, MigrationMethod.Auto, 1e-3, false));
        Assert.Equal(MigrationMethod.Stateless, e.Method);
        Assert.Equal(0, e.DowntimeSeconds);
        Assert.Equal(0, e.BytesOnWire);
    }
}
