using BbuPool.Migration.Threading;

namespace BbuPool.Migration.Tests.Threading;

public sealed class ParkedThreadsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void Work_RunsOnADedicatedThread_ThatTheNextStartReuses()
    {
        var threads = new ParkedThreads("test-parked");
        var run = threads.Start(() => { }, "test-rx");
        Assert.True(run.Join(Wait));
        Assert.NotSame(Thread.CurrentThread, run.Thread);
        Assert.False(run.Thread!.IsThreadPoolThread);
        Assert.Equal(1, threads.IdleCount);

        // Parked, not ended: the next piece of work gets the same thread without starting one.
        var second = threads.Start(() => { }, "test-rx");
        Assert.True(second.Join(Wait));
        Assert.Same(run.Thread, second.Thread);
    }

    [Fact]
    public void ReusedThread_TakesTheNameOfItsNewWork_AndTheSetsNameWhileParked()
    {
        var threads = new ParkedThreads("test-parked");
        string? name = null;
        var run = threads.Start(() => { }, "first");
        Assert.True(run.Join(Wait));
        Assert.Equal("test-parked", run.Thread!.Name);
        Assert.True(threads.Start(() => name = Thread.CurrentThread.Name, "second").Join(Wait));
        Assert.Equal("second", name);
    }

    [Fact]
    public void ReusedThread_RunsInItsNewCallersContext_NotTheFirstOnes()
    {
        var threads = new ParkedThreads("test-parked");
        var local = new AsyncLocal<string>();
        string? first = null;
        string? second = null;
        string? outside = null;

        // The caller that made the thread had a value; the next caller has none.
        local.Value = "first caller";
        Assert.True(threads.Start(() => first = local.Value, "test-context").Join(Wait));
        local.Value = null!;
        Assert.True(threads.Start(() => second = local.Value, "test-context").Join(Wait));
        using (ExecutionContext.SuppressFlow())
        {
            local.Value = "suppressed";
            Assert.True(threads.Start(() => outside = local.Value, "test-context").Join(Wait));
        }

        Assert.Equal("first caller", first);
        Assert.Null(second);
        Assert.Null(outside);
    }

    [Fact]
    public void Start_WithTheFlowSuppressed_MakesAThreadThatSeesNoCallersValues()
    {
        var threads = new ParkedThreads("test-parked");
        var local = new AsyncLocal<string>();
        string? seen = "unset";
        local.Value = "caller";
        using (ExecutionContext.SuppressFlow())
        {
            // No parked thread yet: this makes one.
            Assert.True(threads.Start(() => seen = local.Value, "test-context").Join(Wait));
        }

        Assert.Null(seen);
    }

    [Fact]
    public void Join_TimesOut_WhileTheWorkRuns()
    {
        var threads = new ParkedThreads("test-parked");
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
        var threads = new ParkedThreads("test-parked");
        var run = threads.Start(ParkedThreads.RetireCurrentThread, "test-retire");
        Assert.True(run.Join(Wait));
        Assert.Equal(0, threads.IdleCount);
        Assert.True(run.Thread!.Join(Wait), "the retired thread did not end");

        // The next piece gets a new thread, which parks as usual (the flag was that run's only).
        var next = threads.Start(() => { }, "test-retire");
        Assert.True(next.Join(Wait));
        Assert.NotSame(run.Thread, next.Thread);
        Assert.Equal(1, threads.IdleCount);
    }

    [Fact]
    public async Task IdleThread_LeavesAfterItsLifetime()
    {
        var threads = new ParkedThreads("test-parked", TimeSpan.FromMilliseconds(50));
        var run = threads.Start(() => { }, "test-idle");
        Assert.True(run.Join(Wait));
        await Eventually.TrueAsync(() => threads.IdleCount == 0, () => $"{threads.IdleCount} threads still parked");
        Assert.True(run.Thread!.Join(Wait), "the idle thread did not end");
    }
}
