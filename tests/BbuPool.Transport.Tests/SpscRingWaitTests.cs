using System.Runtime.InteropServices;
using BbuPool.Transport.SharedMemory;

namespace BbuPool.Transport.Tests;

/// <summary>A sleeping side wakes for a cancellation, not at the end of its sleep slice.</summary>
public sealed unsafe class SpscRingWaitTests
{
    [Fact]
    public void CancellingASleepingConsumer_WakesIt_WithoutWaitingForTheSlice()
    {
        nuint bytes = (nuint)SpscRing.BytesFor(4096, 8);
        byte* memory = (byte*)NativeMemory.AlignedAlloc(bytes, 4096);
        bool joined = false;
        try
        {
            NativeMemory.Clear(memory, bytes);
            // An hour-long slice: if only the slice ended the sleep, the join below would fail (the
            // slice was 3 s once, which the 30 s join outlasted: the test could not fail).
            var ring = new SpscRing(memory, 4096, 8, initialize: true) { SleepSliceNanoseconds = 3_600_000_000_000 };
            ring.DeclareConsumer(ReceiveMode.Hybrid);
            using var cts = new CancellationTokenSource();
            Exception? thrown = null;
            var consumer = new Thread(() =>
            {
                try
                {
                    ring.WaitForData(ReceiveMode.Hybrid, spinNanoseconds: 0, cts.Token);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            })
            {
                // A consumer that sleeps on must not hold the test process for the hour.
                IsBackground = true,
            };
            consumer.Start();
            Assert.True(SpinWait.SpinUntil(() => ring.ConsumerWaiting, TimeSpan.FromSeconds(30)), "the consumer never went to sleep");

            // The flag goes up just before the futex call: a cancellation in between only changes
            // the bell, and the wait then returns at once without a wake. Give the consumer time
            // to be asleep in the kernel, so the wake is what ends it (without the 200 ms, a build
            // whose cancellation rang no futex passed this test too).
            Thread.Sleep(200);

            cts.Cancel();

            joined = consumer.Join(TimeSpan.FromSeconds(30));
            Assert.True(joined, "the cancelled consumer slept on");
            Assert.IsType<OperationCanceledException>(thrown);
        }
        finally
        {
            // A consumer still asleep on the ring keeps it: freed, a spurious wake would read freed memory.
            if (joined)
            {
                NativeMemory.AlignedFree(memory);
            }
        }
    }
}
