using BbuPool.Transport.Dpdk;

namespace BbuPool.Transport.Tests;

public class DpdkEnvironmentTests
{
    [Fact]
    public void EalArguments_UseVirtualDevicesOnly_ByDefault()
    {
        var args = DpdkEnvironment.EalArguments(new DpdkOptions { Lcore = 1 });
        Assert.Equal(["--no-huge", "--no-pci", "-m", "256", "--no-shconf", "--no-telemetry", "--log-level=lib.eal:error", "-l", "1"], args);
    }

    [Fact]
    public void EalArguments_WithPci_DropNoPci_AndKeepExtras()
    {
        var options = new DpdkOptions { UsePci = true };
        options.ExtraEalArguments.Add("-a");
        options.ExtraEalArguments.Add("0000:3b:00.0");
        var args = DpdkEnvironment.EalArguments(options);
        Assert.DoesNotContain("--no-pci", args);
        Assert.Equal("0000:3b:00.0", args[^1]);
    }

    [Fact]
    public void Resolver_LooksForTheStagedLibrary_WalkingUp()
    {
        var candidates = NativeLibraryResolver.Candidates().ToList();
        Assert.Contains(candidates, c => c.EndsWith(Path.Combine("native", "build", "lib", "libbbupool_native.so"), StringComparison.Ordinal));
    }

    [Fact]
    public void DpdkAddresses_AreParsedBySchemeOrRejected()
    {
        Assert.Equal(("memif", "/tmp/a.sock"), DpdkTransport.Split("memif:/tmp/a.sock"));
        Assert.Equal(("pci", "0000:3b:00.0"), DpdkTransport.Split("pci:0000:3b:00.0"));
        Assert.Throws<TransportException>(() => DpdkTransport.Split("nocolon"));
    }
}
