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
        var thread = new Thread(() =>
        {
            granted = CpuAffinity.TrySetFifoPriority(1);
            fifoAfterSet = CpuAffinity.IsCurrentThreadFifo();
            cleared = CpuAffinity.TryClearFifoPriority();
            fifoAfterClear = CpuAffinity.IsCurrentThreadFifo();
        });
        thread.Start();
        thread.Join();

        // Where FIFO is not granted (no root, no CAP_SYS_NICE) the clear is still allowed.
        Assert.Equal(granted, fifoAfterSet);
        Assert.True(cleared);
        Assert.False(fifoAfterClear);
    }
}
