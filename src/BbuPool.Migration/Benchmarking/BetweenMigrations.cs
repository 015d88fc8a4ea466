using BbuPool.Migration.Hosting;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The active stack's missed TTIs outside a cell's migrations: each stretch runs from one
/// migration's measurement to the next one's start (settling, freeing the old image, the next
/// link set-up when pairs are not opened ahead), both ends read as the running host's miss
/// count and timed on the hosts' clock, which the engine stamps its start with.
/// </summary>
internal sealed class BetweenMigrations(StackHost first)
{
    private readonly TimeProvider _clock = first.Time;
    private long _accounted = first.DeadlineMisses;
    private long _since = first.Time.GetTimestamp();

    /// <summary>Misses in the stretches counted so far.</summary>
    public long Missed { get; private set; }

    /// <summary>Wall time of those stretches (ms).</summary>
    public double Milliseconds { get; private set; }

    /// <summary>A timestamp of the hosts' clock.</summary>
    public long Now() => _clock.GetTimestamp();

    /// <summary>
    /// Counts the stretch a migration ended: up to its engine's start when it has an outcome, else
    /// up to <paramref name="attemptStart"/>, when the source had missed <paramref name="missesAtAttempt"/>.
    /// </summary>
    public void CountUpTo(MigrationOutcome? outcome, long missesAtAttempt, long attemptStart)
    {
        Missed += Math.Max(0, (outcome?.SourceMissCountBefore ?? missesAtAttempt) - _accounted);
        Milliseconds += _clock.GetElapsedTime(_since, outcome?.Source.StartTimestamp ?? attemptStart).TotalMilliseconds;
    }

    /// <summary>
    /// Starts the next stretch for <paramref name="running"/>, the host that runs after an attempt
    /// from <paramref name="attempted"/>: at the migration's measurement when its outcome measured
    /// that host (the destination after a commit, else the source), else now (a stack restarted
    /// after a failure starts afresh).
    /// </summary>
    public void StartAfter(MigrationOutcome? outcome, StackHost running, StackHost attempted, StackHost? destinationHost, long attemptEnd)
    {
        if (outcome is not null && ReferenceEquals(running, outcome.Committed ? destinationHost : attempted))
        {
            _accounted = outcome.Committed ? outcome.DestinationMissCountAfter : outcome.SourceMissCountAfter;
            _since = attemptEnd;
        }
        else
        {
            _accounted = running.DeadlineMisses;
            _since = Now();
        }
    }
}
