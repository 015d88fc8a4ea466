using System.Runtime.CompilerServices;

namespace BbuPool.StatePlane;

/// <summary>Following the event stream.</summary>
public static class StatePlaneEvents
{
    /// <summary>
    /// Yields every event after <paramref name="afterId"/> (null = from the oldest kept), then keeps
    /// polling every <paramref name="pollInterval"/> for new ones until cancelled. Polling rather than
    /// a blocking XREAD because StackExchange.Redis 1.2.6 multiplexes one connection and a blocking
    /// command would stall every other caller. Unavailability is retried with <paramref name="retry"/>.
    /// </summary>
    public static async IAsyncEnumerable<StateEvent> WatchAsync(
        this IStatePlane statePlane,
        string? afterId,
        TimeSpan pollInterval,
        StatePlaneRetry? retry = null,
        TimeProvider? timeProvider = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statePlane);
        retry ??= new StatePlaneRetry(deadline: TimeSpan.MaxValue);
        timeProvider ??= TimeProvider.System;
        var last = afterId;
        while (!cancellationToken.IsCancellationRequested)
        {
            // 500 per read bounds one batch's memory; a burst larger than that is read in the next loop without waiting.
            var batch = await retry.ExecuteAsync(ct => statePlane.ReadEventsAsync(last, 500, ct), cancellationToken);
            foreach (var e in batch)
            {
                last = e.Id;
                yield return e;
            }

            if (batch.Count < 500)
            {
                await Task.Delay(pollInterval, timeProvider, cancellationToken);
            }
        }
    }
}
