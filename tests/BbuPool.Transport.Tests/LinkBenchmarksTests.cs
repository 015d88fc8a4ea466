using BbuPool.Transport.Benchmarking;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.Tests;

public sealed class LinkBenchmarksTests
{
    [Fact]
    public void TheProbeImage_IsNativeMemory_NotOnTheManagedHeap()
    {
        // 8 MiB through the memcpy probe, twice (a new image each time, after a release): a pinned
        // managed image was 8 MiB of the managed heap per image, and with 64 MiB of it the next
        // collection of `bench migration` was a full one in the middle of its cells.
        const long Bytes = 8L << 20;
        int cpu = CpuAffinity.TryGetProcessSet(out var allowed) && allowed.Count > 0 ? allowed.Lowest : 0;
        // This thread's allocations only (other test classes run in parallel): the image is made
        // on the calling thread, the pinned copy thread allocates nothing of it.
        long before = GC.GetAllocatedBytesForCurrentThread();
        double first = LinkBenchmarks.Memcpy(Bytes, 64 * 1024, cpu);
        LinkBenchmarks.ReleaseSource();
        double second = LinkBenchmarks.Memcpy(Bytes, 64 * 1024, cpu);
        LinkBenchmarks.ReleaseSource();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(first > 0 && second > 0, $"rates {first} and {second}");
        Assert.InRange(allocated, 0, 1L << 20);
    }
}
