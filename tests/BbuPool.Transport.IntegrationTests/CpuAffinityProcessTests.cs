using BbuPool.Transport.IntegrationTests.Infrastructure;

namespace BbuPool.Transport.IntegrationTests;

/// <summary>CPU affinity in a process an operator confined with taskset (a real second process).</summary>
public sealed class CpuAffinityProcessTests
{
    [Fact]
    public async Task Unpinning_UnderTaskset_ReturnsToTheProcessesCpus_NotEveryCpu()
    {
        // The last CPU only: unpinning must not hand the thread CPU 0 (this machine has 2; the
        // project's CI machines have at least 2, so the confinement is real).
        Assert.True(Environment.ProcessorCount >= 2, $"needs 2 CPUs, has {Environment.ProcessorCount}");
        int last = Environment.ProcessorCount - 1;
        await using var peer = PeerProcess.Start("--mode unpin-check", cpus: last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var line = await peer.WaitForLineAsync("UNPIN", TimeSpan.FromSeconds(30));
        Assert.Equal($"UNPIN process={{{last}}} pinned={{{last}}} unpinned={{{last}}}", line);
        Assert.Equal(0, await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
