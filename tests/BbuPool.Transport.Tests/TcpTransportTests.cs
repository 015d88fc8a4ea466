using BbuPool.Testing.Transport;
using BbuPool.Transport.Tcp;

namespace BbuPool.Transport.Tests;

public class TcpTransportTests
{
    [Fact]
    public async Task SmallAndLargeGatheredFrames_ArriveIntact()
    {
        var transport = new TcpTransport(new TransportOptions());
        await using var listener = await transport.ListenAsync("127.0.0.1:0");
        var connect = transport.ConnectAsync(listener.LocalAddress);
        await using var server = await listener.AcceptAsync();
        await using var client = await connect;

        var sizes = new[] { 0, 1, 15, 16, 17, 1000, 65536, 200_000, 3 };
        var sent = new List<byte[]>();
        var receive = Task.Run(async () =>
        {
            var frames = new List<byte[]>();
            for (var i = 0; i < sizes.Length; i++)
            {
                using var frame = await server.ReceiveAsync();
                frames.Add(frame.Memory.ToArray());
            }

            return frames;
        });
        for (var i = 0; i < sizes.Length; i++)
        {
            var frame = new byte[sizes[i]];
            TransportTestFrames.Fill(frame, (ulong)i + 1);
            sent.Add(frame);
            var cut = frame.Length / 3;
            await client.SendAsync(new ReadOnlyMemory<byte>[] { frame.AsMemory(0, cut), frame.AsMemory(cut) });
        }

        var received = await receive;
        for (var i = 0; i < sizes.Length; i++)
        {
            Assert.Equal(sent[i], received[i]);
        }

        Assert.Equal(sizes.Length, server.GetStats().FramesReceived);
        Assert.Equal(sizes.Sum(), client.GetStats().BytesSent);
    }

    [Fact]
    public async Task PeerClose_ReceiverGetsClosed()
    {
        var transport = new TcpTransport(new TransportOptions());
        await using var listener = await transport.ListenAsync("127.0.0.1:0");
        var connect = transport.ConnectAsync(listener.LocalAddress);
        await using var server = await listener.AcceptAsync();
        var client = await connect;
        await client.SendAsync(new byte[] { 42 });
        await client.DisposeAsync();

        using (var frame = await server.ReceiveAsync())
        {
            Assert.Equal(42, frame.Span[0]);
        }

        await Assert.ThrowsAsync<TransportClosedException>(async () => await server.ReceiveAsync());
    }

    [Fact]
    public async Task BadAddress_IsATransportException()
    {
        var transport = new TcpTransport(new TransportOptions());
        await Assert.ThrowsAsync<TransportException>(async () => await transport.ConnectAsync("no-port-here"));
    }
}
