using BbuPool.StatePlane.Redis;

namespace BbuPool.StatePlane.Tests;

/// <summary>
/// The Redis state plane's callers must never resume on the thread that completed a reply's task
/// (StackExchange.Redis 1.2.6's socket reader, see <see cref="ReaderSafeCompletion"/>): a caller
/// that blocked there would stop every reply. A dedicated thread stands in for the reader.
/// </summary>
public sealed class ReaderSafeCompletionTests
{
    [Fact]
    public async Task PlainAwait_ResumesOnTheCompletingThread_WhichIsTheHazard()
    {
        // The control: without the hop, an awaiter of a task created without
        // RunContinuationsAsynchronously runs on whichever thread completes it.
        var (resumedOn, completedOn) = await ResumeAfterCompletionOnDedicatedThread(static task => task);
        Assert.Equal(completedOn, resumedOn);
    }

    [Fact]
    public async Task OnThreadPool_ResumesOffTheCompletingThread()
    {
        var (resumedOn, completedOn) = await ResumeAfterCompletionOnDedicatedThread(ReaderSafeCompletion.OnThreadPool);
        Assert.NotEqual(completedOn, resumedOn);
    }

    [Fact]
    public void OnThreadPool_OfACompletedTask_IsThatTask()
    {
        var done = Task.FromResult(7);
        Assert.Same(done, ReaderSafeCompletion.OnThreadPool(done));
    }

    [Fact]
    public async Task OnThreadPool_OfAFailedTask_Completes_AndTheFailureStaysOnTheTask()
    {
        var source = new TaskCompletionSource<int>();
        var hop = ReaderSafeCompletion.OnThreadPool(source.Task);
        source.SetException(new TimeoutException("reply late"));
        await hop;
        var e = await Assert.ThrowsAsync<TimeoutException>(() => source.Task);
        Assert.Equal("reply late", e.Message);
    }

    /// <summary>
    /// Awaits <c>wrap(task)</c> for a task that is still pending, completes the task on a new
    /// thread, and returns the ids of the thread the awaiter resumed on and of the completing one.
    /// </summary>
    private static async Task<(int ResumedOn, int CompletedOn)> ResumeAfterCompletionOnDedicatedThread(Func<Task, Task> wrap)
    {
        var source = new TaskCompletionSource<int>();
        var resumedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // No synchronization context, as in the CLI: xUnit's would take the continuation anyway.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        Task awaiter;
        try
        {
            awaiter = Resume(wrap(source.Task), resumedOn);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }

        Assert.False(awaiter.IsCompleted);

        var completedOn = 0;
        var completer = new Thread(() =>
        {
            completedOn = Environment.CurrentManagedThreadId;
            source.SetResult(1);
        });
        completer.Start();
        completer.Join();
        var resumed = await resumedOn.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await awaiter;
        return (resumed, completedOn);

        static async Task Resume(Task task, TaskCompletionSource<int> resumedOn)
        {
            await task;
            resumedOn.SetResult(Environment.CurrentManagedThreadId);
        }
    }
}
