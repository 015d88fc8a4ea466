namespace BbuPool.StatePlane;

/// <summary>
/// Retries an operation that failed with <see cref="StatePlaneUnavailableException"/>, with
/// exponential backoff and jitter, up to a deadline. Other exceptions pass through at once.
/// </summary>
public sealed class StatePlaneRetry
{
    private readonly TimeProvider _timeProvider;
    private long _retries;

    /// <summary>Creates a retry helper.</summary>
    /// <param name="initialDelay">First wait: 20 ms is a few Redis round trips, enough for a blip.</param>
    /// <param name="maxDelay">Longest wait between tries: 1 s keeps a restarted Redis (~0.1-1 s to come back) picked up quickly.</param>
    /// <param name="deadline">Give up after this long in total and rethrow.</param>
    /// <param name="timeProvider">Clock for the waits.</param>
    public StatePlaneRetry(TimeSpan? initialDelay = null, TimeSpan? maxDelay = null, TimeSpan? deadline = null, TimeProvider? timeProvider = null)
    {
        InitialDelay = initialDelay ?? TimeSpan.FromMilliseconds(20);
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(1);
        Deadline = deadline ?? TimeSpan.FromSeconds(30);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The first wait.</summary>
    public TimeSpan InitialDelay { get; }

    /// <summary>The longest wait.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Total time before giving up.</summary>
    public TimeSpan Deadline { get; }

    /// <summary>Retries made so far by this helper (for reports and tests).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Runs <paramref name="operation"/> until it succeeds, throws something else, or the deadline passes.</summary>
    public async ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var start = _timeProvider.GetTimestamp();
        var delay = InitialDelay;
        while (true)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (StatePlaneUnavailableException) when (WithinDeadline(start, delay))
            {
                Interlocked.Increment(ref _retries);
            }

            // Full jitter halves the herd when many agents reconnect after one restart.
            var wait = TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + (Random.Shared.NextDouble() * 0.5))));
            await Task.Delay(wait, _timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private bool WithinDeadline(long start, TimeSpan nextDelay) =>
        Deadline == TimeSpan.MaxValue || _timeProvider.GetElapsedTime(start) + nextDelay < Deadline;

    /// <summary>Runs an operation without a result with the same retry rules.</summary>
    public async ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await ExecuteAsync<bool>(async ct => { await operation(ct); return true; }, cancellationToken);
    }
}
