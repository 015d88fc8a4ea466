using BbuPool.Migration.Hosting;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Migration.Tests.Protocol;

namespace BbuPool.Migration.Tests.Hosting;

/// <summary>A stack that throws ends its host's loop; a pause asked before or after must still be answered.</summary>
[Collection(SerialCollection.Name)]
public sealed class StackHostFaultTests
{
    private const long FailAt = 1010;

    [Fact]
    public async Task PauseAgreedForALaterTti_FailsWithTheStacksError_WhenTheStackDiesFirst()
    {
        // The stack fails only once the pause is agreed, however late this thread runs.
        using var region = PageRegion.ForBytes(4L << 20);
        var agreed = new ManualResetEventSlim();
        using var host = FailingHost(region, tti => agreed.IsSet);
        host.StartClocked(1000);
        var pause = host.PauseAfterAsync(long.MaxValue - 1);
        agreed.Set();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.WithinAsync(pause, () => $"the pause to be answered (last TTI {host.LastTti})"));
        Assert.Contains("Injected failure", error.Message, StringComparison.Ordinal);
        Assert.Same(host.Fault, error);
        agreed.Dispose();
    }

    [Fact]
    public async Task PauseAfterTheLoopEnded_IsAnsweredAtOnce_AtTheLastGoodTti()
    {
        using var region = PageRegion.ForBytes(4L << 20);
        using var host = FailingHost(region, tti => tti == FailAt);
        host.StartClocked(1000);
        await Eventually.TrueAsync(() => !host.IsRunning, () => $"the loop to end (last TTI {host.LastTti})");

        var pause = host.PauseAsync();
        Assert.True(pause.IsCompletedSuccessfully, "a loop that ended answers a pause without waiting for it");
        var boundary = await pause;
        Assert.Equal(FailAt - 1, boundary.LastTti);
        Assert.Equal(FailAt, boundary.NextTti);
        Assert.IsType<InvalidOperationException>(host.Fault);
    }

    private static StackHost FailingHost(PageRegion region, Func<long, bool> failAt)
    {
        var stack = new ReferenceStack(new ReferenceStackOptions { StateBytes = region.Length });
        stack.Initialize(region);
        return new StackHost(new FailingStack(stack, failAt), region, new LoadProfile(0.1).InputFor, new StackHostOptions { TtiPeriod = TimeSpan.FromMilliseconds(1), Wait = TtiWait.Sleep, Name = "failing" });
    }
}
