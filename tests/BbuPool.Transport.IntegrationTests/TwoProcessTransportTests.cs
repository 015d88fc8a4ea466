using BbuPool.Transport.Dpdk;
using BbuPool.Transport.IntegrationTests.Infrastructure;
using BbuPool.Transport.SharedMemory;
using BbuPool.Transport.Tcp;

namespace BbuPool.Transport.IntegrationTests;

/// <summary>
/// 64 MiB of random-size frames to a PeerHost process that echoes them (memif, shm, tcp); every echo
/// is checked. Hybrid receive: three pollers (our sender, our receiver, the peer) share two cores.
/// </summary>
[Collection(BusyPollCollection.Name)]
public class TwoProcessTransportTests
{
    private const long TotalBytes = 64L << 20;
    private const int MaxFrame = 96 * 1024;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Shm_TwoProcesses_64MiB_EchoedIntact()
    {
        var name = "it-shm2-" + Environment.ProcessId;
        var transport = new SharedMemoryTransport(new TransportOptions());
        await using var listener = await transport.ListenAsync(name);
        await using var peer = PeerProcess.Start($"--kind shm --connect {name}");
        await using var link = await listener.AcceptAsync().AsTask().WaitAsync(StartTimeout);
        await ExchangeAsync(link, peer, seed: 21);
    }

    [Fact]
    public async Task Tcp_TwoProcesses_64MiB_EchoedIntact()
    {
        var transport = new TcpTransport(new TransportOptions());
        await using var listener = await transport.ListenAsync("127.0.0.1:0");
        await using var peer = PeerProcess.Start($"--kind tcp --connect {listener.LocalAddress}");
        await using var link = await listener.AcceptAsync().AsTask().WaitAsync(StartTimeout);
        await ExchangeAsync(link, peer, seed: 22);
    }

    [DpdkFact]
    public async Task DpdkMemif_TwoProcesses_64MiB_EchoedIntact()
    {
        var socket = $"/tmp/bbu-it-memif-{Environment.ProcessId}.sock";
        await using var transport = new DpdkTransport(new TransportOptions());
        await using var listener = await transport.ListenAsync("memif:" + socket);
        await using var peer = PeerProcess.Start($"--kind dpdk --lcore 1 --connect memif:{socket}");
        await using var link = await listener.AcceptAsync().AsTask().WaitAsync(StartTimeout);
        await ExchangeAsync(link, peer, seed: 23);
        File.Delete(socket);
    }

    [Fact]
    public async Task Shm_PeerProcessDies_ReceiverGetsClosed()
    {
        var name = "it-shm-die-" + Environment.ProcessId;
        var transport = new SharedMemoryTransport(new TransportOptions());
        await using var listener = await transport.ListenAsync(name);
        var peer = PeerProcess.Start($"--kind shm --connect {name}");
        await using var link = await listener.AcceptAsync().AsTask().WaitAsync(StartTimeout);
        await peer.WaitForLineAsync("CONNECTED", StartTimeout);
        await peer.DisposeAsync(); // kills it: it never closes its side of the rings

        await Assert.ThrowsAsync<TransportClosedException>(() => Task.Run(async () => await link.ReceiveAsync()).WaitAsync(StartTimeout));
    }

    [DpdkFact]
    public async Task DpdkMemif_PeerProcessDies_ReceiverGetsClosed()
    {
        var socket = $"/tmp/bbu-it-memif-die-{Environment.ProcessId}.sock";
        await using var transport = new DpdkTransport(new TransportOptions());
        await using var listener = await transport.ListenAsync("memif:" + socket);
        var peer = PeerProcess.Start($"--kind dpdk --lcore 1 --connect memif:{socket}");
        await using var link = await listener.AcceptAsync().AsTask().WaitAsync(StartTimeout);
        await peer.WaitForLineAsync("CONNECTED", StartTimeout);
        await peer.DisposeAsync(); // kills it: no close fragment, only the memif link going down

        await Assert.ThrowsAsync<TransportClosedException>(() => Task.Run(async () => await link.ReceiveAsync()).WaitAsync(StartTimeout));
        File.Delete(socket);
    }

    internal static async Task ExchangeAsync(ITransportLink link, PeerProcess peer, int seed, long totalBytes = TotalBytes, int window = 16)
    {
        await peer.WaitForLineAsync("CONNECTED", StartTimeout);
        var plan = FrameExchange.Plan(totalBytes, MaxFrame, seed);
        Assert.Equal(0, FrameExchange.Run(link, link, plan, window));
        var stats = link.GetStats();
        Assert.Equal(plan.Length, stats.FramesReceived);
        Assert.Equal(plan.Length, stats.FramesSent);
        await link.DisposeAsync();
        var done = await peer.WaitForLineAsync("DONE", StartTimeout);
        Assert.Equal($"DONE frames={plan.Length} bytes={plan.Sum(l => (long)l)}", done);
        Assert.Equal(0, await peer.WaitForExitAsync(StartTimeout));
    }
}
