namespace BbuPool.Migration.Threading;

/// <summary>
/// Wakes an engine loop when a stack thread has finished a TTI: the replica methods' feed-and-review
/// loop (source) and output pump (destination), and post-copy's hot window (source). They used to
/// poll on a 1 ms timer. Logged in a redundancy migration (4 MiB, 30 %), the source's loop passed
/// only every 3-5 ms and saw the replica 3-9 TTIs behind, and every output went through both
/// replica loops on its way back, so the switch, which waits until the replica is within 2 TTIs,
/// came late: redundancy's total was 94-237 ms at 4-64 MiB, most of it before the switch (run F,
/// docs/migration-benchmarks.md).
/// </summary>
/// <remarks>
/// <see cref="Set"/> runs on a real-time TTI thread, so it takes no lock a waiting loop could hold
/// (a loop preempted inside a semaphore's lock would stall the TTI thread behind it): a flag and
/// a swapped-out waiter, one loop waiting at a time. The waiter resumes on a pool thread.
/// </remarks>
internal sealed class TtiSignal
{
    /// <summary>
    /// How long a loop waits for the next TTI before it looks anyway: 5 TTIs of 1 ms. A TTI ends
    /// every millisecond while the stack runs, so the wait runs out only when the stack has
    /// stalled or stopped (noticed within this), or a replica was promoted (its pump then leaves).
    /// </summary>
    public static readonly TimeSpan LivenessWait = TimeSpan.FromMilliseconds(5);

    // 1 when a Set has come that no wait has taken yet.
    private int _pending;
    private TaskCompletionSource? _waiter;

    /// <summary>True while a loop is parked on the signal (tests set only then, to check where it resumes).</summary>
    internal bool HasWaiter => Volatile.Read(ref _waiter) is not null;

    /// <summary>Called on a TTI thread: no lock, no wait; a waiting loop resumes on a pool thread.</summary>
    public void Set()
    {
        // The flag first (the exchange below is a full fence): a loop that published its waiter
        // after this read finds the flag instead.
        Volatile.Write(ref _pending, 1);
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }

    /// <summary>
    /// Waits for the next <see cref="Set"/> or <paramref name="timeout"/> on <paramref name="time"/>,
    /// whichever is first: true when set. One pending set is kept for the next wait; more collapse
    /// into it. One loop waits at a time.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _pending, 0) == 1)
        {
            return true;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var replaced = Interlocked.Exchange(ref _waiter, waiter);
        System.Diagnostics.Debug.Assert(replaced is null, "Two loops wait on one TtiSignal.");

        // A Set between the check above and the waiter's publication saw no waiter: take its flag.
        if (Interlocked.Exchange(ref _pending, 0) == 1)
        {
            Interlocked.CompareExchange(ref _waiter, null, waiter);
            return true;
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, time, ct);

            // This wake's flag: taken here, so the next wait does not return at once for it.
            Interlocked.Exchange(ref _pending, 0);
            return true;
        }
        catch (TimeoutException)
        {
            Interlocked.CompareExchange(ref _waiter, null, waiter);
            return false;
        }
        catch (OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _waiter, null, waiter);
            throw;
        }
    }
}
