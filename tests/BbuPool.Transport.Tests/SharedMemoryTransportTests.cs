using BbuPool.Testing.Transport;
using BbuPool.Transport.SharedMemory;

namespace BbuPool.Transport.Tests;

public class SharedMemoryTransportTests
{
    internal static TransportOptions SmallRing() => new()
    {
        // 8 slots of 4 KiB: small enough that a few frames wrap around the ring's end.
        SharedMemory = { SlotSize = 4096, SlotCount = 8 },
    };

    internal static async Task<(ITransportLink Listener, ITransportLink Connector)> PairAsync(SharedMemoryTransport transport, string name)
    {
        await using var listener = await transport.ListenAsync(name);
        var connect = transport.ConnectAsync(name);
        var accepted = await listener.AcceptAsync();
        return (accepted, await connect);
    }

    [Fact]
    public async Task FramesThatWrapAndSpanSlots_ArriveIntact()
    {
        var transport = new SharedMemoryTransport(SmallRing());
        var (a, b) = await PairAsync(transport, "unit-wrap-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            var random = new Random(1);
            for (var i = 0; i < 200; i++)
            {
                var frame = new byte[random.Next(0, 3 * 4096)];
                TransportTestFrames.Fill(frame, (ulong)i);
                await a.SendAsync(frame);
                using var got = await b.ReceiveAsync();
                Assert.Equal(frame.Length, got.Length);
                Assert.True(got.Span.SequenceEqual(frame));
            }

            Assert.Equal(200, b.GetStats().FramesReceived);
            Assert.True(b.GetStats().LatencyP50Nanoseconds > 0);
        }
    }

    [Fact]
    public async Task Drain_WaitsUntilTheReceiverTookEveryFrame()
    {
        var transport = new SharedMemoryTransport(SmallRing());
        var (a, b) = await PairAsync(transport, "unit-drain-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            var frame = new byte[1000];
            Assert.True(a.TrySend(frame));
            Assert.True(a.TrySend(frame));
            var drain = Task.Run(async () => await a.DrainAsync());
            Assert.True(b.TryReceive(out var first));
            first.Dispose();
            // One frame still in the ring: the drain cannot have finished.
            await Task.Delay(50);
            Assert.False(drain.IsCompleted);
            Assert.True(b.TryReceive(out var second));
            second.Dispose();
            await drain.WaitAsync(TimeSpan.FromSeconds(5));
            await a.DrainAsync(); // an empty ring drains at once
        }
    }

    [Fact]
    public async Task FullRing_TrySendFails_UntilReceiverFreesSlots()
    {
        var transport = new SharedMemoryTransport(SmallRing());
        var (a, b) = await PairAsync(transport, "unit-full-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            var big = new byte[(4 * 4096) - SpscRing.FrameHeaderBytes]; // exactly 4 slots
            Assert.True(a.TrySend(big));
            Assert.True(a.TrySend(big));
            Assert.False(a.TrySend(big));
            Assert.True(b.TryReceive(out var frame));
            frame.Dispose();
            Assert.True(a.TrySend(big));
            Assert.Throws<ArgumentException>(() => a.TrySend(new byte[a.MaxFrameLength + 1]));
        }
    }

    [Fact]
    public async Task HybridReceiver_SleepsAndIsWokenByTheSender()
    {
        var options = SmallRing();
        options.SpinDuration = TimeSpan.FromMicroseconds(1);
        var transport = new SharedMemoryTransport(options);
        var (a, b) = await PairAsync(transport, "unit-wake-" + Environment.ProcessId);
        await using (a)
        await using (b)
        {
            var receive = Task.Run(async () =>
            {
                using var frame = await b.ReceiveAsync();
                return frame.Length;
            });
            await Task.Delay(50); // let the receiver pass its spin phase and sleep on the futex
            await a.SendAsync(new byte[123]);
            Assert.Equal(123, await receive);
        }
    }

    [Fact]
    public async Task ClosedPeer_ReceiverDrainsThenGetsClosed()
    {
        var transport = new SharedMemoryTransport(SmallRing());
        var (a, b) = await PairAsync(transport, "unit-close-" + Environment.ProcessId);
        await using (b)
        {
            await a.SendAsync(new byte[10]);
            await a.DisposeAsync();
            using (var frame = await b.ReceiveAsync())
            {
                Assert.Equal(10, frame.Length);
            }

            await Assert.ThrowsAsync<TransportClosedException>(async () => await b.ReceiveAsync());
            Assert.Throws<TransportClosedException>(() => b.TrySend(new byte[1]));
        }
    }

    [Fact]
    public async Task ListenerFile_IsUnlinkedOnceConnected()
    {
        var transport = new SharedMemoryTransport(SmallRing());
        var name = "unit-unlink-" + Environment.ProcessId;
        var path = transport.PathFor(name);
        var (a, b) = await PairAsync(transport, name);
        await using (a)
        await using (b)
        {
            Assert.False(File.Exists(path));
        }
    }

    [Fact]
    public void PathFor_SanitisesAddresses()
    {
        var transport = new SharedMemoryTransport(new TransportOptions { SharedMemory = new SharedMemoryOptions { Directory = "/dev/shm" } });
        Assert.Equal("/dev/shm/bbupool-memif__tmp_a.sock", transport.PathFor("memif:/tmp/a.sock"));
    }

    [Fact]
    public void TheDefaultDirectory_IsTheHugePageMount_WhenOneIsMounted()
    {
        bool mounted = File.ReadLines("/proc/mounts").Any(line => line.Split(' ')[1] == SharedMemoryOptions.HugePageDirectory);
        Assert.Equal(mounted ? SharedMemoryOptions.HugePageDirectory : "/dev/shm", new SharedMemoryOptions().Directory);
    }
}
