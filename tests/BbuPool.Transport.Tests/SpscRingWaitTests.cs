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
        try
        {
            NativeMemory.Clear(memory, bytes);
            // An hour-long slice: if only the slice ended the sleep, the join below would fail.
            var ring = new SpscRing(memory, 4096, 8, initialize: true) { SleepSliceNanoseconds = 3_000_000_000 };
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
            });
            consumer.Start();
            Assert.True(SpinWait.SpinUntil(() => ring.ConsumerWaiting, TimeSpan.FromSeconds(30)), "the consumer never went to sleep");

            cts.Cancel();

            Assert.True(consumer.Join(TimeSpan.FromSeconds(30)), "the cancelled consumer slept on");
            Assert.IsType<OperationCanceledException>(thrown);
        }
        finally
        {
            NativeMemory.AlignedFree(memory);
        }
    }
}
