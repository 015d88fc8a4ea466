using BbuPool.Transport.Dpdk;
using BbuPool.Transport.IntegrationTests.Infrastructure;
using BbuPool.Transport.SharedMemory;

namespace BbuPool.Transport.IntegrationTests;

/// <summary>64 MiB of random-size frames between two pinned busy-polling threads of this process (net_ring, shm).</summary>
[Collection(BusyPollCollection.Name)]
public class OneProcessTransportTests
{
    private const long TotalBytes = 64L << 20;
    private const int MaxFrame = 96 * 1024;

    private static TransportOptions BusyPoll() => new() { ReceiveMode = ReceiveMode.BusyPoll };

    [Fact]
    public async Task Shm_64MiB_RandomFrames_AllChecksumsMatch()
    {
        var transport = new SharedMemoryTransport(BusyPoll());
        var name = "it-shm-" + Environment.ProcessId;
        await using var listener = await transport.ListenAsync(name);
        var connect = transport.ConnectAsync(name);
        await using var server = await listener.AcceptAsync();
        await using var client = await connect;

        var plan = FrameExchange.Plan(TotalBytes, MaxFrame, seed: 11);
        // Window 64: the sender runs ahead as far as the ring allows.
        Assert.Equal(0, FrameExchange.Run(client, server, plan, window: 64, senderCpu: 0, receiverCpu: 1));

        var stats = server.GetStats();
        Assert.Equal(plan.Length, stats.FramesReceived);
        Assert.Equal(plan.Sum(l => (long)l), stats.BytesReceived);
        Assert.True(stats.LatencyP99Nanoseconds >= stats.LatencyP50Nanoseconds);
    }

    [DpdkFact]
    public async Task DpdkNetRing_64MiB_RandomFrames_AllChecksumsMatch()
    {
        await using var transport = new DpdkTransport(BusyPoll());
        var name = "it" + Environment.ProcessId;
        await using var listener = await transport.ListenAsync("ring:" + name);
        var connect = transport.ConnectAsync("ring:" + name);
        await using var server = await listener.AcceptAsync();
        await using var client = await connect;

        var plan = FrameExchange.Plan(TotalBytes, MaxFrame, seed: 12);
        Assert.Equal(0, FrameExchange.Run(client, server, plan, window: 64, senderCpu: 0, receiverCpu: 1));
        Assert.Equal(plan.Length, server.GetStats().FramesReceived);
        Assert.True(server.GetStats().LatencyP50Nanoseconds > 0);

        // And back the other way, so both rings of the pair carry data.
        var back = FrameExchange.Plan(4L << 20, MaxFrame, seed: 13);
        Assert.Equal(0, FrameExchange.Run(server, client, back, window: 64, senderCpu: 1, receiverCpu: 0));
    }

    [DpdkFact]
    public void DpdkEnvironment_SecondInitialisation_ReusesTheFirst_AndLeavesAffinityAlone()
    {
        var before = Threading.CpuAffinity.GetCurrentThreadMask();
        Assert.True(DpdkEnvironment.TryInitialize(new DpdkOptions { Lcore = 1 }, out var reason), reason);
        Assert.True(DpdkEnvironment.TryInitialize(new DpdkOptions { Lcore = 0 }, out reason), reason);
        Assert.True(DpdkEnvironment.IsInitialized);
        Assert.Equal(before, Threading.CpuAffinity.GetCurrentThreadMask());
    }
}
