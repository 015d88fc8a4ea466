using System.IO.Compression;
using System.Text;
using BbuPool.Migration.Benchmarking;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class KernelSchedulingFactsTests : IDisposable
{
    // A made-up /proc and /sys, shaped as this project's VMs have them (Firecracker, kernel 6.18).
    private readonly FakeRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Read_TakesTheBuildDefault_WhenDebugfsIsClosed_AndTheIdleSettings()
    {
        Write("proc/config.gz", Gzip("CONFIG_PREEMPT_BUILD=y\nCONFIG_PREEMPT_NONE=y\n# CONFIG_PREEMPT is not set\nCONFIG_PREEMPTION=y\nCONFIG_PREEMPT_DYNAMIC=y\nCONFIG_HZ_250=y\nCONFIG_HZ=250\n"));
        Write("proc/cmdline", "console=ttyS0 cpuidle_haltpoll.force=1 haltpoll.guest_halt_poll_ns=0\n");
        Write("proc/sys/kernel/version", "#1 SMP PREEMPT_DYNAMIC @0\n");
        Write("sys/devices/system/cpu/cpuidle/current_driver", "haltpoll\n");
        Write("sys/devices/system/cpu/cpuidle/current_governor", "haltpoll\n");
        Write("sys/module/haltpoll/parameters/guest_halt_poll_ns", "0\n");
        Write("sys/devices/system/cpu/isolated", "\n");

        var k = KernelSchedulingFacts.Read(_root.Path);

        Assert.Equal(("none", "config"), (k.Preemption, k.PreemptionSource));
        Assert.True(k.PreemptDynamic);
        Assert.Equal("haltpoll", k.CpuIdleDriver);
        Assert.Equal("haltpoll", k.CpuIdleGovernor);
        Assert.Equal(0, k.GuestHaltPollNs);
        Assert.Equal(250, k.TickHz);
        Assert.Equal(string.Empty, k.IsolatedCpus);
        Assert.Equal(string.Empty, k.NohzFullCpus);
        Assert.Equal("preemption none (config, dynamic), cpuidle haltpoll/haltpoll, guest_halt_poll_ns 0, HZ 250, isolated none, nohz_full none", k.Describe());
    }

    [Fact]
    public void Read_PrefersTheLiveMode_OverTheCommandLine_OverTheBuildDefault()
    {
        Write("proc/config.gz", Gzip("CONFIG_PREEMPT_NONE=y\nCONFIG_PREEMPT_DYNAMIC=y\n"));
        Write("proc/cmdline", "quiet preempt=voluntary isolcpus=1 nohz_full=1\n");
        var booted = KernelSchedulingFacts.Read(_root.Path);
        Assert.Equal(("voluntary", "cmdline"), (booted.Preemption, booted.PreemptionSource));

        Write("sys/kernel/debug/sched/preempt", "none voluntary (full) lazy\n");
        Write("sys/devices/system/cpu/isolated", "1\n");
        Write("sys/devices/system/cpu/nohz_full", "1\n");
        var k = KernelSchedulingFacts.Read(_root.Path);
        Assert.Equal(("full", "debugfs"), (k.Preemption, k.PreemptionSource));
        Assert.Equal("1", k.IsolatedCpus);
        Assert.Equal("1", k.NohzFullCpus);
    }

    [Fact]
    public void Read_TakesTheDistributionsBootConfig_WithoutProcConfig()
    {
        Write("proc/sys/kernel/osrelease", "6.1.0-28-amd64\n");
        Write("boot/config-6.1.0-28-amd64", "CONFIG_PREEMPT_VOLUNTARY=y\nCONFIG_PREEMPT_DYNAMIC=y\nCONFIG_HZ=250\n");
        var k = KernelSchedulingFacts.Read(_root.Path);
        Assert.Equal(("voluntary", "config"), (k.Preemption, k.PreemptionSource));
        Assert.True(k.PreemptDynamic);
        Assert.Equal(250, k.TickHz);
    }

    [Theory]
    [InlineData("CONFIG_PREEMPT_RT=y\nCONFIG_PREEMPTION=y\nCONFIG_PREEMPT_BUILD=y\n", "rt")]
    [InlineData("CONFIG_PREEMPT_LAZY=y\nCONFIG_PREEMPT_BUILD=y\n", "lazy")]
    [InlineData("CONFIG_PREEMPT=y\n", "full")]
    [InlineData("CONFIG_PREEMPT_VOLUNTARY=y\n", "voluntary")]
    public void BuildDefault_TakesTheMostSpecificModel(string config, string model)
    {
        var options = config.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        Assert.Equal((model, "config"), KernelSchedulingFacts.PreemptionFrom(null, null, options, string.Empty));
    }

    [Theory]
    [InlineData("#1 SMP PREEMPT_RT Mon Jan 1", "rt")]
    [InlineData("#1 SMP PREEMPT Mon Jan 1", "full")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC @0", "")]
    [InlineData("#1 SMP Mon Jan 1", "")]
    public void WithoutConfig_UnameVersionTellsOnlyWhatItNames(string version, string model)
    {
        var (found, source) = KernelSchedulingFacts.PreemptionFrom(null, "quiet", new Dictionary<string, string>(), version);
        Assert.Equal(model, found);
        Assert.Equal(model.Length == 0 ? string.Empty : "version", source);
    }

    [Fact]
    public void Read_OfAnEmptyTree_KnowsNothing_AndSaysSo()
    {
        Write("proc/config.gz", "not gzip at all"u8.ToArray());
        var k = KernelSchedulingFacts.Read(_root.Path);
        Assert.Equal(KernelSchedulingFacts.Unknown, k);
        Assert.Equal("preemption unknown, cpuidle unknown, isolated none, nohz_full none", k.Describe());
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.ASCII.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private void Write(string path, string text) => _root.Write(path, text);

    private void Write(string path, byte[] bytes) => _root.Write(path, bytes);
}
