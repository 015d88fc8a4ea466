using BbuPool.Testing.Transport;
using BbuPool.Transport.SharedMemory;
using static BbuPool.Transport.Tests.SharedMemoryTransportTests;

namespace BbuPool.Transport.Tests;

/// <summary>Frames lent over the ring's own slots: held until disposed, freed in ring order, copied when they wrap.</summary>
public class SharedMemoryInPlaceReceiveTests
{
    // Exactly one 4 KiB slot of the 8-slot test ring per frame.
    private const int OneSlot = 4096 - SpscRing.FrameHeaderBytes;

    private static byte[] FrameOf(int length, int seed)
    {
        var frame = new byte[length];
        TransportTestFrames.Fill(frame, (ulong)seed);
        return frame;
    }

    /// <summary>Frames 0-7 of one slot each: the 8-slot ring is full.</summary>
    private static void FillRing(ITransportLink sender)
    {
        for (var i = 0; i < 8; i++)
        {
            Assert.True(sender.TrySend(FrameOf(OneSlot, i)));
        }

        Assert.False(sender.TrySend(FrameOf(OneSlot, 8)));
    }

    [Fact]
    public async Task LentFrames_HoldTheirSlots_UntilDisposed_AndAreFreedInRingOrder()
    {
        var (a, b) = await PairAsync(new SharedMemoryTransport(SmallRing()), "unit-lend-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            FillRing(a);
            var first = await b.ReceiveInPlaceAsync();
            var second = await b.ReceiveInPlaceAsync();
            var third = await b.ReceiveInPlaceAsync();
            Assert.True(first.IsLent && second.IsLent && third.IsLent);
            Assert.True(second.Span.SequenceEqual(FrameOf(OneSlot, 1)));

            // Read but still lent: the sender cannot reuse their slots.
            Assert.False(a.TrySend(FrameOf(OneSlot, 8)));
            second.Dispose();
            Assert.False(a.TrySend(FrameOf(OneSlot, 8)));

            // The oldest comes back: its slot and the second's are free, the third's is not.
            first.Dispose();
            Assert.True(a.TrySend(FrameOf(OneSlot, 8)));
            Assert.True(a.TrySend(FrameOf(OneSlot, 9)));
            Assert.False(a.TrySend(FrameOf(OneSlot, 10)));
            third.Dispose();
            Assert.True(a.TrySend(FrameOf(OneSlot, 10)));

            for (var i = 3; i <= 10; i++)
            {
                using var frame = await b.ReceiveInPlaceAsync();
                Assert.True(frame.Span.SequenceEqual(FrameOf(OneSlot, i)), $"frame {i}");
            }

            Assert.Throws<ObjectDisposedException>(() => first.Memory);
        }
    }

    [Fact]
    public async Task ACopiedFrameBehindALentOne_IsFreedOnlyWithIt()
    {
        var (a, b) = await PairAsync(new SharedMemoryTransport(SmallRing()), "unit-lend-copy-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            FillRing(a);
            var lent = await b.ReceiveInPlaceAsync();
            Assert.True(b.TryReceive(out var copied));
            Assert.False(copied.IsLent);
            Assert.True(copied.Span.SequenceEqual(FrameOf(OneSlot, 1)));
            copied.Dispose();
            Assert.False(a.TrySend(FrameOf(OneSlot, 8)));
            lent.Dispose();
            Assert.True(a.TrySend(FrameOf(OneSlot, 8)));
            Assert.True(a.TrySend(FrameOf(OneSlot, 9)));
            Assert.False(a.TrySend(FrameOf(OneSlot, 10)));
        }
    }

    [Fact]
    public async Task FramesOfEverySize_ArriveIntact_AndOnlyThoseThatWrapAreCopied()
    {
        var (a, b) = await PairAsync(new SharedMemoryTransport(SmallRing()), "unit-lend-wrap-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            var random = new Random(5);
            int lent = 0, copied = 0;
            for (var i = 0; i < 300; i++)
            {
                var sent = FrameOf(random.Next(0, 3 * 4096), i);
                await a.SendAsync(sent);
                using var got = await b.ReceiveInPlaceAsync();
                Assert.True(got.Span.SequenceEqual(sent), $"frame {i}");
                Assert.True(got.Memory.Span.SequenceEqual(sent), $"frame {i} through Memory");
                _ = got.IsLent ? lent++ : copied++;
            }

            Assert.True(lent > 200, $"{lent} lent");
            Assert.True(copied > 0, "no frame wrapped");
        }
    }

    [Fact]
    public async Task DisposingTheLink_KeepsALentFrameReadable_UntilItIsDisposed()
    {
        var (a, b) = await PairAsync(new SharedMemoryTransport(SmallRing()), "unit-lend-close-" + Environment.ProcessId);
        await using (a)
        {
            await a.SendAsync(FrameOf(1000, 7));
            var frame = await b.ReceiveInPlaceAsync();
            await b.DisposeAsync();

            // Still mapped: reading it after the link's dispose would fault otherwise.
            Assert.True(frame.Span.SequenceEqual(FrameOf(1000, 7)));
            frame.Dispose();
            Assert.Throws<TransportClosedException>(() => a.TrySend(new byte[1]));
        }
    }

    [Fact]
    public async Task ALentFrame_PinsWithoutCopying()
    {
        var (a, b) = await PairAsync(new SharedMemoryTransport(SmallRing()), "unit-lend-pin-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            await a.SendAsync(FrameOf(64, 3));
            using var frame = await b.ReceiveInPlaceAsync();
            unsafe
            {
                using var pin = frame.Memory.Pin();
                fixed (byte* span = frame.Span)
                {
                    Assert.True(pin.Pointer == span);
                }
            }
        }
    }
}
