using BbuPool.Migration.Hosting;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Hosting;

[Collection(SerialCollection.Name)]
public sealed class StackHostTests
{
    private static StackHost Host(PageRegion region, TimeSpan period, LoadProfile load, string name = "t")
    {
        var stack = new ReferenceStack(new ReferenceStackOptions { StateBytes = region.Length });
        stack.Initialize(region);
        return new StackHost(stack, region, load.InputFor, new StackHostOptions { TtiPeriod = period, Wait = TtiWait.Sleep, Name = name });
    }

    [Fact]
    public async Task Clocked_PauseResume_ContinuesWithoutGapOrDuplicate()
    {
        using var region = PageRegion.ForBytes(4L << 20);
        using var host = Host(region, TimeSpan.FromMilliseconds(1), new LoadProfile(0.3));
        var seen = new List<long>();
        host.TtiCompleted = (input, _) => seen.Add(input.Tti);
        host.StartClocked(100);
        await Eventually.TrueAsync(() => host.LastTti >= 120, () => $"TTI 120 (last {host.LastTti})");

        var b = await host.PauseAsync();
        Assert.True(host.IsPaused);
        Assert.Equal(b.LastTti + 1, b.NextTti);
        int countAtPause = seen.Count;
        await Task.Delay(20);
        Assert.Equal(countAtPause, seen.Count);
        host.Resume();
        await Eventually.TrueAsync(() => host.LastTti >= b.LastTti + 10, () => $"10 TTIs after the resume (last {host.LastTti})");

        host.Stop();
        Assert.Equal(100, seen[0]);
        for (int i = 1; i < seen.Count; i++)
        {
            Assert.Equal(seen[i - 1] + 1, seen[i]);
        }

        var stats = host.Statistics();
        Assert.Equal(seen.Count, stats.Completed);
        Assert.Equal(0, stats.Gaps);
        Assert.True(stats.P99Microseconds > 0);
    }

    [Fact]
    public async Task Resume_ThenPauseAtOnce_IsNeverLost()
    {
        // Redundancy migration pauses (checkpoint), resumes, and pauses again (switch); a resume
        // whose wake-up is overtaken by the next pause must not leave that pause unanswered.
        using var region = PageRegion.ForBytes(4L << 20);
        using var host = Host(region, TimeSpan.Zero, new LoadProfile(0.1));
        host.StartClocked(0);
        for (int i = 0; i < 2000; i++)
        {
            var first = await Eventually.WithinAsync(host.PauseAsync(), () => $"pause {i} (last TTI {host.LastTti})");
            host.Resume();
            var second = await Eventually.WithinAsync(host.PauseAsync(), () => $"the pause right after resume {i} (last TTI {host.LastTti})");
            Assert.True(second.LastTti >= first.LastTti);
            host.Resume();
        }

        host.Stop();
        Assert.Equal(0, host.Statistics().Gaps);
    }

    [Fact]
    public async Task Follower_ReplaysFedInputs_ThenPromoted_RunsOnClock()
    {
        var load = new LoadProfile(0.3);
        using var srcRegion = PageRegion.ForBytes(4L << 20);
        using var dstRegion = PageRegion.ForBytes(4L << 20);
        using var src = Host(srcRegion, TimeSpan.Zero, load, "src");
        using var dst = Host(dstRegion, TimeSpan.Zero, load, "dst");
        var srcOut = new Dictionary<long, ulong>();
        var dstOut = new Dictionary<long, ulong>();
        src.TtiCompleted = (i, o) => srcOut[i.Tti] = o;
        dst.TtiCompleted = (i, o) => { lock (dstOut) { dstOut[i.Tti] = o; } };
        dst.StartFollower(0, default);
        for (long t = 0; t < 50; t++)
        {
            var input = load.InputFor(t);
            srcOut[t] = src.Stack.ProcessTti(input, srcRegion);
            dst.Feed(input);
        }

        dst.PromoteAt(50);
        await Eventually.TrueAsync(() => dst.LastTti >= 60, () => $"the promoted replica to reach TTI 60 (last {dst.LastTti}, mode {dst.Mode})");

        await dst.PauseAsync();
        Assert.Equal(StackHostMode.Clocked, dst.Mode);
        lock (dstOut)
        {
            for (long t = 0; t < 50; t++)
            {
                Assert.Equal(srcOut[t], dstOut[t]);
            }
        }

        dst.Stop();
        Assert.Equal(0, dst.Statistics().Gaps);
    }

    [Fact]
    public void Pin_ToCoreZero_Succeeds_OnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        bool pinned = false;
        var t = new Thread(() =>
        {
            pinned = ThreadAffinity.TryPinCurrentThread(0);
            ThreadAffinity.TryUnpinCurrentThread();
        });
        t.Start();
        t.Join();
        Assert.True(pinned);
    }
}
