using BbuPool.Migration.Hosting;

namespace BbuPool.Migration.Tests.Hosting;

public sealed class ParkedThreadsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void Work_RunsOnADedicatedThread_ThatTheNextStartReuses()
    {
        var threads = new ParkedThreads();
        int first = 0;
        var run = threads.Start(() => first = Environment.CurrentManagedThreadId, "test-rx");
        Assert.True(run.Join(Wait));
        Assert.NotEqual(Environment.CurrentManagedThreadId, first);
        Assert.False(run.Thread!.IsThreadPoolThread);
        Assert.Equal(1, threads.IdleCount);

        // Parked, not ended: the next piece of work gets the same thread without starting one.
        int second = 0;
        Assert.True(threads.Start(() => second = Environment.CurrentManagedThreadId, "test-rx").Join(Wait));
        Assert.Equal(first, second);
    }

    [Fact]
    public void ReusedThread_TakesTheNameOfItsNewWork()
    {
        var threads = new ParkedThreads();
        string? name = null;
        Assert.True(threads.Start(() => { }, "first").Join(Wait));
        Assert.True(threads.Start(() => name = Thread.CurrentThread.Name, "second").Join(Wait));
        Assert.Equal("second", name);
    }

    [Fact]
    public void Join_TimesOut_WhileTheWorkRuns()
    {
        var threads = new ParkedThreads();
        using var release = new ManualResetEventSlim(false);
        var run = threads.Start(() => release.Wait(TimeSpan.FromSeconds(10)), "test-rx");
        Assert.False(run.Join(TimeSpan.FromMilliseconds(50)));
        Assert.False(run.IsCompleted);
        release.Set();
        Assert.True(run.Join(Wait));
        Assert.True(run.IsCompleted);
    }

    [Fact]
    public void RetiredThread_LeavesInsteadOfParking()
    {
        var threads = new ParkedThreads();
        int first = 0;
        var run = threads.Start(
            () =>
            {
                first = Environment.CurrentManagedThreadId;
                ParkedThreads.RetireCurrentThread();
            },
            "test-retire");
        Assert.True(run.Join(Wait));
        Assert.Equal(0, threads.IdleCount);
        Assert.True(run.Thread!.Join(Wait), "the retired thread did not end");

        // The next piece gets a new thread, which parks as usual (the flag was that run's only).
        int second = 0;
        Assert.True(threads.Start(() => second = Environment.CurrentManagedThreadId, "test-retire").Join(Wait));
        Assert.NotEqual(first, second);
        Assert.Equal(1, threads.IdleCount);
    }

    [Fact]
    public async Task IdleThread_LeavesAfterItsLifetime()
    {
        var threads = new ParkedThreads(TimeSpan.FromMilliseconds(50));
        var run = threads.Start(() => { }, "test-idle");
        Assert.True(run.Join(Wait));
        await Eventually.TrueAsync(() => threads.IdleCount == 0, () => $"{threads.IdleCount} threads still parked");
        Assert.True(run.Thread!.Join(Wait), "the idle thread did not end");
    }
}
