using BbuPool.Testing.StatePlane;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>One redis-server (no persistence) shared by a test collection; each test uses its own key prefix.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Options for a fresh, isolated pool on the shared server.</summary>
    public StatePlaneOptions Options(Action<StatePlaneOptions>? configure = null)
    {
        var options = new StatePlaneOptions { Redis = Server.EndPoint, KeyPrefix = "t-" + Guid.NewGuid().ToString("N")[..12] };
        configure?.Invoke(options);
        return options;
    }
}
