using BbuPool.Transport.IntegrationTests.Infrastructure;

namespace BbuPool.Transport.IntegrationTests;

/// <summary>A process whose native library is missing asks for DPDK and gets shm, with the reason logged, not a crash.</summary>
[Collection(BusyPollCollection.Name)]
public class FallbackTests
{
    [Fact]
    public async Task MissingNativeLibrary_FallsBackToShm_WithAClearMessage()
    {
        await using var peer = PeerProcess.Start(
            "--mode fallback-check",
            environment: new Dictionary<string, string> { ["BBUPOOL_NATIVE_LIB"] = "/nonexistent/libbbupool_native.so" });
        var kind = await peer.WaitForLineAsync("KIND", TimeSpan.FromSeconds(30));
        Assert.Equal("KIND Shm", kind);
        Assert.Equal(0, await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("DPDK transport unavailable: libbbupool_native.so not found", peer.Output, StringComparison.Ordinal);
        Assert.Contains("Falling back to the Shm transport", peer.Output, StringComparison.Ordinal);
        Assert.Contains("scripts/build-native.sh", peer.Output, StringComparison.Ordinal);
    }
}
