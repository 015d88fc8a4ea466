namespace BbuPool.StatePlane.Redis;

/// <summary>
/// Resumes a caller on the thread pool after a Redis call, never inline on the thread that
/// completed the call's task.
/// </summary>
/// <remarks>
/// StackExchange.Redis 1.2.6 completes a reply's task on its socket reader when it sees no
/// continuation on the task yet (its IsSyncSafe check), and its tasks are created without
/// RunContinuationsAsynchronously. A continuation attached between that check and the completion
/// then runs on the reader itself. If the code that resumes there blocks on another Redis call
/// (sync-over-async, as the simulator's observer does), no further reply is read until the
/// operation timeout. Measured with a loop of "await a call, then block on the next": 3 of 50,000
/// iterations resumed under <c>PhysicalConnection.EndReading</c>, and each of those 3 timed out
/// at 2 s; CI saw it as a rare 2 s timeout in the blocking-caller test. The hop costs one
/// thread-pool work item per call that was still in flight when awaited.
/// </remarks>
internal static class ReaderSafeCompletion
{
    private static readonly Action<Task> Nothing = static _ => { };

    /// <summary>
    /// A task that completes on a thread-pool thread once <paramref name="task"/> has completed
    /// (successfully or not; observe the outcome by awaiting <paramref name="task"/> afterwards).
    /// Already complete: returned as is, no hop.
    /// </summary>
    public static Task OnThreadPool(Task task) =>
        task.IsCompleted
            ? task
            // No ExecuteSynchronously: the continuation is queued to the default scheduler instead
            // of running on the completing thread, and the awaiter resumes where it ran.
            : task.ContinueWith(Nothing, CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default);
}
