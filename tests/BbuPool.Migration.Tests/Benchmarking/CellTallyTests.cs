using BbuPool.Migration.Benchmarking;
using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class CellTallyTests
{
    private static MigrationOutcome Outcome(bool committed, double totalMs, double downtimeUs, double bytesPerSecond, params (MigrationPhase, double)[] phases) =>
        new(
            new MigrationResult { Committed = committed, Rounds = 3, MeasuredBytesPerSecond = bytesPerSecond },
            new MigrationResult { Committed = committed },
            totalMs / 1e3,
            downtimeUs / 1e6,
            BytesOnWire: 1000,
            MissedTtis: 2)
        {
            PhaseOffsetsMs = phases,
        };

    [Fact]
    public void Migrations_AddUp_AndOnlyCommittedOnesGiveDowntimesAndPhases()
    {
        var tally = new CellTally();
        tally.OnStarted();
        var first = Outcome(true, 10, 40, 5e9, (MigrationPhase.Handshake, 0.1), (MigrationPhase.Rounds, 1.0), (MigrationPhase.Rounds, 9.0));
        tally.OnReturned(first);
        tally.OnCommitted(first);
        tally.OnStarted();
        var second = Outcome(false, 30, 0, 0);
        tally.OnReturned(second);
        tally.OnFailed("destination Timeout: late", abandoned: false);
        tally.OnStarted();
        tally.OnFailed("watchdog: no result", abandoned: true);

        Assert.Equal(3, tally.Runs);
        Assert.Equal(1, tally.Committed);
        Assert.Equal(1, tally.TimedOut);
        Assert.Equal(2, tally.Failures.Count);
        Assert.Equal([10.0, 30.0], tally.TotalsMs);
        Assert.Equal(40.0, tally.MigratingMs);
        Assert.Equal(2000, tally.Wire);
        Assert.Equal(4, tally.Missed);
        Assert.Equal([40.0], tally.DowntimesUs);
        // A source that measured no rate adds none.
        Assert.Equal([5e9], tally.Bandwidths);
        // A phase entered twice counts once, at its first entry.
        Assert.Equal(1.0, tally.PhaseMsP50()[MigrationPhase.Rounds]);
        Assert.Equal(2, tally.PhaseMsP50().Count);
    }
}
