using BbuPool.Migration.Hosting;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Migration.Threading;
using BbuPool.Transport.Threading;

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

    private static StackHost HostOn(ParkedThreads threads, PageRegion region, LoadProfile load, StackHostOptions options)
    {
        var stack = new ReferenceStack(new ReferenceStackOptions { StateBytes = region.Length });
        stack.Initialize(region);
        return new StackHost(stack, region, load.InputFor, options) { Threads = threads };
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
    public async Task Realtime_TtiThreadRunsFifo_AndThreadsItStartsDoNot()
    {
        // Whether this machine grants SCHED_FIFO at all (root or CAP_SYS_NICE): asked on a scratch thread.
        bool granted = false;
        var probe = new Thread(() => granted = CpuAffinity.TrySetFifoPriority(1));
        probe.Start();
        probe.Join();

        using var region = PageRegion.ForBytes(4L << 20);
        var stack = new ReferenceStack(new ReferenceStackOptions { StateBytes = region.Length });
        stack.Initialize(region);
        var load = new LoadProfile(0.1);
        using var host = new StackHost(stack, region, load.InputFor, new StackHostOptions { TtiPeriod = TimeSpan.FromMilliseconds(1), Wait = TtiWait.Sleep, Name = "rt", RealtimePriority = 10 });
        bool? ttiFifo = null;
        bool? childFifo = null;
        host.TtiCompleted = (_, _) =>
        {
            if (ttiFifo is null)
            {
                ttiFifo = CpuAffinity.IsCurrentThreadFifo();
                var child = new Thread(() => childFifo = CpuAffinity.IsCurrentThreadFifo());
                child.Start();
                child.Join();
            }
        };
        host.StartClocked(0);
        await Eventually.TrueAsync(() => host.LastTti >= 5 && childFifo is not null, () => $"5 TTIs (last {host.LastTti})");
        host.Stop();

        Assert.Equal(granted, host.IsRealtime);
        Assert.Equal(granted, ttiFifo);

        // SCHED_RESET_ON_FORK: a runtime thread the TTI thread happens to start must not share its
        // priority (a FIFO JIT worker of equal priority held a TTI thread's core for 5-9 ms).
        Assert.False(childFifo);
    }

    [Fact]
    public async Task StoppedHost_HandsItsThreadToTheNextHost_Unpinned_AndUnderTheOrdinaryPolicy()
    {
        Assert.True(CpuAffinity.TryGetCurrentThreadSet(out var ordinary) || !OperatingSystem.IsLinux());
        if (ordinary.Count < 2)
        {
            // One CPU allowed (or not Linux): pinning would not show.
            return;
        }

        int core = ordinary.Lowest;
        var threads = new ParkedThreads("test-tti", TimeSpan.FromMinutes(1));
        using var region = PageRegion.ForBytes(4L << 20);
        var load = new LoadProfile(0.1);
        ThreadSnapshot? first = null;
        ThreadSnapshot? second = null;
        bool firstRealtime;
        using (var a = HostOn(threads, region, load, new StackHostOptions { TtiPeriod = TimeSpan.FromMilliseconds(1), Wait = TtiWait.Sleep, Name = "a", PinnedCore = core, RealtimePriority = 10 }))
        {
            a.TtiCompleted = (_, _) => first ??= ThreadSnapshot.OfCurrent();
            a.StartClocked(0);
            await Eventually.TrueAsync(() => a.LastTti >= 3 && first is not null, () => $"3 TTIs (last {a.LastTti})");
            a.Stop();
            firstRealtime = a.IsRealtime;
        }

        using var b = HostOn(threads, region, load, new StackHostOptions { TtiPeriod = TimeSpan.FromMilliseconds(1), Wait = TtiWait.Sleep, Name = "b" });
        b.TtiCompleted = (_, _) => second ??= ThreadSnapshot.OfCurrent();
        b.StartClocked(0);
        await Eventually.TrueAsync(() => b.LastTti >= 3 && second is not null, () => $"3 TTIs (last {b.LastTti})");
        b.Stop();

        // The same thread, pinned and (where granted) FIFO for the first host only.
        Assert.Same(first!.Thread, second!.Thread);
        Assert.Equal(CpuSet.Of(core), first.Cpus);
        Assert.Equal(firstRealtime, first.Fifo);
        Assert.Equal(ordinary, second.Cpus);
        Assert.False(second.Fifo);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void RealtimePriority_OutsideOneTo98_IsRefusedUpFront(int priority)
    {
        using var region = PageRegion.ForBytes(4L << 20);
        var stack = new ReferenceStack(new ReferenceStackOptions { StateBytes = region.Length });
        var load = new LoadProfile(0.1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new StackHost(stack, region, load.InputFor, new StackHostOptions { RealtimePriority = priority }));
        Assert.Contains("RealtimePriority", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ReturnsTheTimingRing_AndKeepsTheCounts()
    {
        using var region = PageRegion.ForBytes(4L << 20);
        var host = Host(region, TimeSpan.FromMilliseconds(1), new LoadProfile(0.1));
        host.StartClocked(0);
        await Eventually.TrueAsync(() => host.LastTti >= 5, () => $"5 TTIs (last {host.LastTti})");
        long before = host.Statistics().Completed;
        host.Dispose();
        var stats = host.Statistics();
        Assert.True(before > 0);
        Assert.True(stats.Completed >= before);
        Assert.Equal(host.DeadlineMisses, stats.DeadlineMisses);
        Assert.Equal(0, stats.P99Microseconds);
    }

    [Fact]
    public async Task Pause_ClaimedBetweenTtis_RunsNoFurtherTti_AndResumeGoesOnWithoutGapOrDuplicate()
    {
        // At 10 % load the thread sleeps most of each 1 ms slot, so most of these pauses are
        // claimed while it sleeps (answered at once); the rest land inside a TTI. Either way no TTI
        // may run between the answer and the resume.
        using var region = PageRegion.ForBytes(4L << 20);
        using var host = Host(region, TimeSpan.FromMilliseconds(1), new LoadProfile(0.1));
        var seen = new List<long>();
        host.TtiCompleted = (input, _) =>
        {
            lock (seen)
            {
                seen.Add(input.Tti);
            }
        };
        host.StartClocked(0);
        for (int i = 0; i < 100; i++)
        {
            var b = await Eventually.WithinAsync(host.PauseAsync(), () => $"pause {i} (last TTI {host.LastTti})");
            Assert.True(host.IsPaused);
            Assert.Equal(b.LastTti, host.LastTti);
            await Task.Delay(3);
            Assert.Equal(b.LastTti, host.LastTti);
            host.Resume();
            await Eventually.TrueAsync(() => host.LastTti > b.LastTti, () => $"a TTI after resume {i} (last {host.LastTti})");
            Assert.False(host.IsPaused);
        }

        host.Stop();
        lock (seen)
        {
            for (int k = 1; k < seen.Count; k++)
            {
                Assert.Equal(seen[k - 1] + 1, seen[k]);
            }
        }

        Assert.Equal(0, host.Statistics().Gaps);
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
        TtiSequence.AssertEachRanOnce(host);
    }

    [Fact]
    public async Task PauseAfter_StopsExactlyAfterThatTti_AndResumeCancelsAPendingOne()
    {
        using var region = PageRegion.ForBytes(4L << 20);
        using var host = Host(region, TimeSpan.FromMilliseconds(1), new LoadProfile(0.1));
        host.StartClocked(0);
        await Eventually.TrueAsync(() => host.LastTti >= 5, () => $"TTI 5 (last {host.LastTti})");
        long k = host.LastTti + 5;
        var b = await Eventually.WithinAsync(host.PauseAfterAsync(k), () => $"the pause after {k} (last {host.LastTti})");
        Assert.Equal(k, b.LastTti);
        Assert.True(host.IsPaused);
        host.Resume();
        var cancelled = host.PauseAfterAsync(host.LastTti + 1000);
        host.Resume();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        long last = host.LastTti;
        await Eventually.TrueAsync(() => host.LastTti >= last + 5, () => $"TTIs after the cancelled pause (last {host.LastTti})");
        host.Stop();
        TtiSequence.AssertEachRanOnce(host);
    }

    [Fact]
    public async Task HotStandbyReplica_ShadowsTheGrid_ThenIsPromotedAtTheAgreedTti()
    {
        var load = new LoadProfile(0.3);
        using var srcRegion = PageRegion.ForBytes(4L << 20);
        using var dstRegion = PageRegion.ForBytes(4L << 20);
        using var src = Host(srcRegion, TimeSpan.FromMilliseconds(1), load, "src");
        dstRegion.CopyFrom(srcRegion);
        using var dst = Host(dstRegion, TimeSpan.FromMilliseconds(1), load, "dst");
        var srcOut = new System.Collections.Concurrent.ConcurrentDictionary<long, ulong>();
        var dstOut = new System.Collections.Concurrent.ConcurrentDictionary<long, ulong>();
        src.TtiCompleted = (i, o) => srcOut[i.Tti] = o;
        dst.TtiCompleted = (i, o) => dstOut[i.Tti] = o;

        // Same state, same grid: the replica starts one TTI later and catches up from its radio tap.
        src.StartClocked(0);
        await Eventually.TrueAsync(() => src.LastTti >= 0, () => "the source's first TTI");
        var b = await src.PauseAsync();
        dstRegion.CopyFrom(srcRegion);
        dst.StartFollower(b.NextTti, src.Clock, shadowWhenCaughtUp: true);
        src.Resume();
        await Eventually.TrueAsync(
            () => dst.Mode == StackHostMode.Shadow && Math.Abs(dst.LastTti - src.LastTti) <= 1 && src.LastTti > b.NextTti + 20,
            () => $"both on the grid (replica {dst.Mode} last {dst.LastTti}, source last {src.LastTti})");
        Assert.False(dst.TryPromoteAt(dst.LastTti), "a TTI the shadow already ran cannot be the switch");
        // 500 TTIs ahead: this thread must ask the pause before the source ends TTI k and the
        // promotion before the shadow claims k + 1. At 3 ahead, a stall of 3 ms here (this VM's
        // wake-ups come 1-10 ms late under load, docs/migration-benchmarks.md) would fail the test.
        long k = Math.Max(src.LastTti, src.Clock.TtiAt(System.Diagnostics.Stopwatch.GetTimestamp())) + 500;
        var stopped = src.PauseAfterAsync(k);
        Assert.True(dst.TryPromoteAt(k + 1), $"switch at {k + 1}: replica last {dst.LastTti} next {dst.NextTti}, source last {src.LastTti}");
        Assert.Equal(k, (await stopped).LastTti);
        await Eventually.TrueAsync(() => dst.LastTti >= k + 5, () => $"the promoted replica (last {dst.LastTti}, mode {dst.Mode})");
        Assert.Equal(StackHostMode.Clocked, dst.Mode);
        Assert.Equal(k + 1, dst.FirstClockedTti);
        for (long t = b.NextTti; t <= k; t++)
        {
            Assert.Equal(srcOut[t], dstOut[t]);
        }

        dst.Stop();
        src.Stop();
        Assert.Equal(0, dst.Statistics().Gaps);
    }

    [Fact]
    public async Task Prepared_RunsNothingUntilStarted_ThenStartsAtItsFirstTti()
    {
        using var region = PageRegion.ForBytes(4L << 20);
        using var host = Host(region, TimeSpan.FromMilliseconds(1), new LoadProfile(0.1));
        host.Prepare();
        await Task.Delay(20);
        Assert.Equal(-1, host.LastTti);
        host.StartClocked(500);
        await Eventually.TrueAsync(() => host.LastTti >= 505, () => $"TTI 505 (last {host.LastTti})");
        Assert.Equal(500, host.FirstTti);
        Assert.Throws<InvalidOperationException>(() => host.StartClocked(0));
        host.Stop();

        using var unused = Host(region, TimeSpan.FromMilliseconds(1), new LoadProfile(0.1));
        unused.Prepare();
        unused.Stop();
        Assert.False(unused.IsRunning);
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
    public void Pin_ToTheLowestAllowedCore_Succeeds_OnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The lowest CPU this process may use: CPU 0 may be outside a confined CI's set.
        Assert.True(CpuAffinity.TryGetProcessSet(out var allowed));
        bool pinned = false;
        var t = new Thread(() =>
        {
            pinned = CpuAffinity.TryPinCurrentThread(allowed.Lowest);
            CpuAffinity.TryUnpinCurrentThread();
        });
        t.Start();
        t.Join();
        Assert.True(pinned);
    }

    private sealed record ThreadSnapshot(Thread Thread, CpuSet Cpus, bool Fifo)
    {
        public static ThreadSnapshot OfCurrent()
        {
            CpuAffinity.TryGetCurrentThreadSet(out var cpus);
            return new(Thread.CurrentThread, cpus, CpuAffinity.IsCurrentThreadFifo());
        }
    }
}
