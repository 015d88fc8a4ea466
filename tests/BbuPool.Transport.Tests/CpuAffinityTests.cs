using BbuPool.Transport.Threading;

namespace BbuPool.Transport.Tests;

public sealed class CpuAffinityTests
{
    [Fact]
    public void ClearFifoPriority_PutsAFifoThreadBackUnderTheOrdinaryPolicy()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        bool granted = false;
        bool fifoAfterSet = false;
        bool cleared = false;
        bool fifoAfterClear = true;
        OnNewThread(() =>
        {
            granted = CpuAffinity.TrySetFifoPriority(1);
            fifoAfterSet = CpuAffinity.IsCurrentThreadFifo();
            cleared = CpuAffinity.TryClearFifoPriority();
            fifoAfterClear = CpuAffinity.IsCurrentThreadFifo();
        });

        // Where FIFO is not granted (no root, no CAP_SYS_NICE) the clear is still allowed, and this
        // checks little; CI runs as root, where FIFO is granted. The RLIMIT_RTPRIO case (FIFO
        // without CAP_SYS_NICE, where the kernel refuses to drop reset-on-fork) is not covered.
        Assert.Equal(granted, fifoAfterSet);
        Assert.True(cleared);
        Assert.False(fifoAfterClear);
    }

    [Fact]
    public void ASavedSet_PutsAPinnedThreadBack()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        bool got = false;
        CpuSet found = default;
        CpuSet whilePinned = default;
        CpuSet afterRestore = default;
        bool pinned = false;
        bool restored = false;
        OnNewThread(() =>
        {
            got = CpuAffinity.TryGetCurrentThreadSet(out found);
            pinned = CpuAffinity.TryPinCurrentThread(found.Lowest);
            CpuAffinity.TryGetCurrentThreadSet(out whilePinned);
            restored = CpuAffinity.TrySetCurrentThreadSet(found);
            CpuAffinity.TryGetCurrentThreadSet(out afterRestore);
        });

        Assert.True(got);
        Assert.True(found.Count >= 1);
        Assert.True(pinned);
        Assert.Equal(CpuSet.Of(found.Lowest), whilePinned);
        Assert.True(restored);
        Assert.Equal(found, afterRestore);
    }

    [Fact]
    public void Pinning_ToACpuThatDoesNotExist_IsRefused()
    {
        bool outside = true;
        bool negative = true;
        bool last = false;
        bool lastAllowed = true;
        OnNewThread(() =>
        {
            outside = CpuAffinity.TryPinCurrentThread(CpuSet.Capacity);
            negative = CpuAffinity.TryPinCurrentThread(-1);
            lastAllowed = CpuAffinity.TryGetCurrentThreadSet(out var set) && set.Contains(CpuSet.Capacity - 1);
            last = CpuAffinity.TryPinCurrentThread(CpuSet.Capacity - 1);
        });

        Assert.False(outside);
        Assert.False(negative);
        if (!lastAllowed)
        {
            // CPU 1023 is not this thread's to run on (on this 2-CPU machine it does not exist).
            Assert.False(last);
        }
    }

    // Affinity and policy are per thread: each check changes a thread of its own, never a test
    // runner's.
    private static void OnNewThread(Action body)
    {
        var thread = new Thread(() => body());
        thread.Start();
        thread.Join();
    }
}
