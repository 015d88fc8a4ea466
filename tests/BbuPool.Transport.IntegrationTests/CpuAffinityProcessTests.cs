using BbuPool.Transport.IntegrationTests.Infrastructure;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.IntegrationTests;

/// <summary>CPU affinity in a process an operator confined with taskset (a real second process).</summary>
public sealed class CpuAffinityProcessTests
{
    [MultiCpuFact]
    public async Task Unpinning_UnderTaskset_ReturnsToTheProcessesCpus_NotEveryCpu()
    {
        // The highest CPU this process may use, alone: unpinning must not hand the thread any
        // other (in a container with CPUs 4-7 that is 7, not ProcessorCount - 1 = 3).
        Assert.True(CpuAffinity.TryGetProcessSet(out var cpus));
        int last = Enumerable.Range(0, CpuSet.Capacity).Last(cpus.Contains);
        await using var peer = PeerProcess.Start("--mode unpin-check", cpus: last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var line = await peer.WaitForLineAsync("UNPIN", TimeSpan.FromSeconds(30));
        Assert.Equal($"UNPIN process={{{last}}} pinned={{{last}}} unpinned={{{last}}}", line);
        Assert.Equal(0, await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
