using BbuPool.Core.Migration;

namespace BbuPool.Migration.Tests.Protocol;

[Collection(SerialCollection.Name)]
public sealed class MethodCorrectnessTests
{
    public static TheoryData<MigrationMethod, double> Cases() => new()
    {
        { MigrationMethod.StopAndCopy, 0.3 },
        { MigrationMethod.Precopy, 0.1 },
        { MigrationMethod.Precopy, 0.7 },
        { MigrationMethod.Postcopy, 0.3 },
        { MigrationMethod.Hybrid, 0.7 },
        { MigrationMethod.Redundancy, 0.3 },
        { MigrationMethod.HotStandby, 0.3 },
        { MigrationMethod.HotStandby, 0.7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Destination_EqualsSourceAtStop_ByteForByte_AndTtisContinue(MigrationMethod method, double load)
    {
        await using var rig = new MigrationRig(method, load);
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        Assert.False(rig.Source.IsRunning);
        await rig.AssertDestinationMatchesSourceAsync(outcome);
        Assert.True(outcome.BytesOnWire > 0);
    }

    [Fact]
    public async Task Stateless_StartsFresh_AndContinuesTheSequence()
    {
        await using var rig = new MigrationRig(MigrationMethod.Stateless);
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        Assert.True(outcome.Committed);
        var host = rig.Destination.Host!;
        await Eventually.TrueAsync(() => host.LastTti >= outcome.Source.StopTti + 3, () => $"the fresh stack to run ({rig.Describe()})");

        Assert.Equal(outcome.Source.StopTti + 1, host.FirstClockedTti);
        Assert.Equal(0, outcome.Source.PagesSent);
        host.Stop();
    }

    [Fact]
    public async Task Precopy_ElidesZeroPages_AndDeltaEncodesResentPages()
    {
        await using var rig = new MigrationRig(MigrationMethod.Precopy, 0.7);
        rig.Options.DowntimeBudget = TimeSpan.FromMicroseconds(1); // force several rounds
        rig.Options.MaxRounds = 3;
        rig.Options.RateLimitBytesPerSecond = 5e6; // rounds of many TTIs, so pages are re-sent
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        await rig.AssertDestinationMatchesSourceAsync(outcome);
        Assert.True(outcome.Source.ZeroPages > 0);
        Assert.True(outcome.Source.DeltaPages > 0);
        Assert.True(outcome.Source.Rounds >= 2);
    }

    [Fact]
    public async Task RateLimit_CapsTheBandwidth()
    {
        await using var rig = new MigrationRig(MigrationMethod.StopAndCopy, 0.1);
        rig.Options.RateLimitBytesPerSecond = 50e6; // 4 MiB with zero pages elided: ~40 ms at 50 MB/s
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        await rig.AssertDestinationMatchesSourceAsync(outcome);
        // Not a timing assertion on speed, a bound the limiter must respect: bytes / time <= limit (+ slack for the first frame).
        Assert.True(outcome.Source.BytesSent / outcome.TotalSeconds <= 50e6 * 1.5);
    }

    [Fact]
    public async Task Precopy_NotConverging_AbortsWhenAsked_SourceKeepsRunning()
    {
        await using var rig = new MigrationRig(MigrationMethod.Precopy, 0.7);
        rig.Options.DowntimeBudget = TimeSpan.Zero;
        rig.Options.NonConvergenceRounds = 1;
        rig.Options.AbortOnNonConvergence = true;
        rig.Options.RateLimitBytesPerSecond = 5e6; // rounds of ~100 TTIs, so every round finds the working set dirty
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        Assert.False(outcome.Committed);
        Assert.Equal(BbuPool.Wire.Frames.AbortReason.NotConverging, outcome.Source.AbortReason);
        Assert.True(rig.SourceRunning);
        Assert.False(rig.DestinationRunning);
    }

    [Fact]
    public async Task Precopy_AutoConverge_ThrottlesThenCommits()
    {
        await using var rig = new MigrationRig(MigrationMethod.Precopy, 0.7);
        rig.Options.DowntimeBudget = TimeSpan.Zero;
        rig.Options.NonConvergenceRounds = 1;
        rig.Options.AutoConverge = true;
        rig.Options.RateLimitBytesPerSecond = 5e6; // rounds of ~100 TTIs, so every round finds the working set dirty
        rig.Options.MaxRounds = 6;
        await rig.StartAsync();
        var outcome = await rig.MigrateAsync();
        await rig.AssertDestinationMatchesSourceAsync(outcome);
        Assert.True(outcome.Source.Throttle > 0);
    }
}
