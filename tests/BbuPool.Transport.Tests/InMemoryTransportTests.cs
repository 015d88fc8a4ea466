using BbuPool.Testing.Transport;

namespace BbuPool.Transport.Tests;

public class InMemoryTransportTests
{
    [Fact]
    public async Task ListenConnect_GatheredFrame_ArrivesWhole()
    {
        await using var transport = new InMemoryTransport();
        await using var listener = await transport.ListenAsync("node-a");
        await using var client = await transport.ConnectAsync("node-a");
        await using var server = await listener.AcceptAsync();

        ReadOnlyMemory<byte>[] parts = [new byte[] { 1, 2 }, new byte[] { 3 }, Array.Empty<byte>(), new byte[] { 4, 5 }];
        await client.SendAsync(parts);
        using var frame = await server.ReceiveAsync();

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, frame.Memory.ToArray());
        Assert.NotEqual(0, frame.SentTimestampNanoseconds);
        Assert.Equal(1, client.GetStats().FramesSent);
        Assert.Equal(5, server.GetStats().BytesReceived);
    }

    [Fact]
    public async Task Dispose_PeerDrainsThenSeesClosed()
    {
        var (a, b) = InMemoryTransport.CreatePair();
        Assert.True(a.TrySend(new byte[] { 9 }));
        await a.DisposeAsync();

        Assert.True(b.TryReceive(out var frame));
        frame.Dispose();
        await Assert.ThrowsAsync<TransportClosedException>(async () => await b.ReceiveAsync());
    }

    [Fact]
    public async Task Sever_FailsBothEnds()
    {
        var (a, b) = InMemoryTransport.CreatePair();
        a.Sever();
        Assert.Throws<TransportClosedException>(() => b.TrySend(new byte[] { 1 }));
        await Assert.ThrowsAsync<TransportClosedException>(async () => await a.ReceiveAsync());
    }

    [Fact]
    public void Bounded_TrySendReturnsFalseWhenFull()
    {
        var (a, b) = InMemoryTransport.CreatePair(capacity: 1);
        Assert.True(a.TrySend(new byte[] { 1 }));
        Assert.False(a.TrySend(new byte[] { 2 }));
        Assert.True(b.TryReceive(out var frame));
        frame.Dispose();
        Assert.True(a.TrySend(new byte[] { 3 }));
    }

    [Fact]
    public void OversizedFrame_IsRejected()
    {
        var (a, _) = InMemoryTransport.CreatePair(maxFrameLength: 4);
        Assert.Throws<ArgumentException>(() => a.TrySend(new byte[5]));
    }

    [Fact]
    public void TestFrames_DetectCorruption()
    {
        var frame = new byte[1000];
        TransportTestFrames.Fill(frame, 7);
        Assert.True(TransportTestFrames.Verify(frame));
        frame[500] ^= 1;
        Assert.False(TransportTestFrames.Verify(frame));
    }
}
