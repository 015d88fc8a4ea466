using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Tests.Protocol;

public sealed class ReceiveThreadsTests
{
    [Fact]
    public void Work_RunsOnADedicatedThread_ThatTheNextStartReuses()
    {
        int first = 0;
        var run = ReceiveThreads.Start(() => first = Environment.CurrentManagedThreadId, "test-rx");
        Assert.True(run.Join(TimeSpan.FromSeconds(5)));
        Assert.NotEqual(Environment.CurrentManagedThreadId, first);
        Assert.False(run.Thread!.IsThreadPoolThread);

        // Parked, not ended: the next pump gets the same thread without starting one.
        int second = 0;
        Assert.True(ReceiveThreads.Start(() => second = Environment.CurrentManagedThreadId, "test-rx").Join(TimeSpan.FromSeconds(5)));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Join_TimesOut_WhileTheWorkRuns()
    {
        using var release = new ManualResetEventSlim(false);
        var run = ReceiveThreads.Start(() => release.Wait(TimeSpan.FromSeconds(10)), "test-rx");
        Assert.False(run.Join(TimeSpan.FromMilliseconds(50)));
        release.Set();
        Assert.True(run.Join(TimeSpan.FromSeconds(5)));
    }
}
