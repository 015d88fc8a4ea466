using BbuPool.Testing.Transport;
using BbuPool.Transport.SharedMemory;
using static BbuPool.Transport.Tests.SharedMemoryTransportTests;

namespace BbuPool.Transport.Tests;

/// <summary>Frames written straight into the ring's slots: contiguous (padding before the ring's end), whole, and nothing published by a fill that fails.</summary>
public class SharedMemoryInPlaceSendTests
{
    private static int Fill(Memory<byte> target, object? state)
    {
        var frame = (byte[])state!;
        frame.CopyTo(target);
        return frame.Length;
    }

    [Fact]
    public async Task FramesOfEverySize_WrittenInPlace_ArriveIntact_InOrder()
    {
        var (a, b) = await PairAsync(new SharedMemoryTransport(SmallRing()), "unit-inplace-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            var random = new Random(9);
            var sent = new List<byte[]>();
            var sender = Task.Run(async () =>
            {
                for (var i = 0; i < 300; i++)
                {
                    var frame = new byte[random.Next(0, 3 * 4096)];
                    TransportTestFrames.Fill(frame, (ulong)i);
                    lock (sent)
                    {
                        sent.Add(frame);
                    }

                    // Reserve more than the frame: the slack is never sent.
                    Assert.Equal(frame.Length, await a.SendInPlaceAsync(frame.Length + 500, Fill, frame));
                }
            });

            for (var i = 0; i < 300; i++)
            {
                using var got = i % 2 == 0 ? await b.ReceiveAsync() : await b.ReceiveInPlaceAsync();
                byte[] expected;
                lock (sent)
                {
                    expected = sent[i];
                }

                Assert.True(got.Span.SequenceEqual(expected), $"frame {i}");
            }

            await sender;
            Assert.Equal(300, a.GetStats().FramesSent);
            Assert.False(b.TryReceive(out _));
        }
    }

    [Fact]
    public async Task AFillThatFailsOrOverruns_PublishesNothing()
    {
        var (a, b) = await PairAsync(new SharedMemoryTransport(SmallRing()), "unit-inplace-fail-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await a.SendInPlaceAsync(100, static (_, _) => throw new InvalidOperationException("fill failed"), null));
            await Assert.ThrowsAsync<ArgumentException>(async () =>
                await a.SendInPlaceAsync(100, static (_, _) => 101, null));
            await Assert.ThrowsAsync<ArgumentException>(async () =>
                await a.SendInPlaceAsync(a.MaxFrameLength + 1, Fill, Array.Empty<byte>()));
            Assert.False(b.TryReceive(out _));

            var frame = new byte[50];
            TransportTestFrames.Fill(frame, 1);
            await a.SendInPlaceAsync(50, Fill, frame);
            using var got = await b.ReceiveAsync();
            Assert.True(got.Span.SequenceEqual(frame));
        }
    }

    [Fact]
    public async Task ALinkThatCannotLend_FillsABuffer_AndSendsIt()
    {
        var (first, second) = InMemoryTransport.CreatePair();
        ITransportLink a = first, b = second;
        await using (a)
        await using (b)
        {
            var frame = new byte[777];
            TransportTestFrames.Fill(frame, 2);
            Assert.Equal(777, await a.SendInPlaceAsync(1000, Fill, frame));
            using var got = await b.ReceiveAsync();
            Assert.True(got.Span.SequenceEqual(frame));
        }
    }
}
