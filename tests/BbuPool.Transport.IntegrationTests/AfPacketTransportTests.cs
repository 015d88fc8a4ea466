using BbuPool.Transport.Dpdk;
using BbuPool.Transport.IntegrationTests.Infrastructure;

namespace BbuPool.Transport.IntegrationTests;

/// <summary>
/// net_af_packet over a veth pair: one end in this process, the other in a network namespace the
/// test creates, where a PeerHost echoes. Frames cross the kernel in MTU-sized fragments.
/// </summary>
[Collection(BusyPollCollection.Name)]
public class AfPacketTransportTests
{
    [NetnsFact]
    public async Task AfPacket_VethInNetns_64MiB_EchoedIntact()
    {
        var id = Environment.ProcessId % 100000;
        var netns = $"bbu-it-{id}";
        var local = $"bbuA{id}";
        var remote = $"bbuB{id}";
        try
        {
            Must("ip", $"netns add {netns}");
            Must("ip", $"link add {local} type veth peer name {remote}");
            Must("ip", $"link set {remote} netns {netns}");
            Must("ip", $"link set {local} up");
            Must("ip", $"netns exec {netns} ip link set {remote} up");

            await using var transport = new DpdkTransport(new TransportOptions());
            await using var peer = PeerProcess.Start($"--kind dpdk --lcore 1 --connect af_packet:{remote}", netns);
            await peer.WaitForLineAsync("READY", TimeSpan.FromSeconds(30));
            await using var link = await transport.ConnectAsync("af_packet:" + local);
            // Window 1 (stop and wait): af_packet has no flow control, and a 64 KiB frame is 45
            // fragments, well inside the 512-frame receive ring.
            await TwoProcessTransportTests.ExchangeAsync(link, peer, seed: 31, window: 1);
        }
        finally
        {
            Shell.Run("ip", $"netns del {netns}"); // takes the veth pair with it
            Shell.Run("ip", $"link del {local}");
        }
    }

    private static void Must(string file, string arguments)
    {
        var (code, output) = Shell.Run(file, arguments);
        Assert.True(code == 0, $"{file} {arguments}: {output}");
    }
}
