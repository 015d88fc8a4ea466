using BbuPool.Testing.StatePlane;
using StackExchange.Redis;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>One redis-server (no persistence) shared by a test collection; each test uses its own key prefix.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    /// <summary>
    /// Every test client's connect and operation timeout: a hang guard, not the product's 2 s. These
    /// tests wait on Redis almost all the time, and a shared CI machine that stalls for seconds
    /// would otherwise fail whichever call it stalled in. Tests of the timeouts themselves set their own.
    /// </summary>
    public static readonly TimeSpan GuardTimeout = TimeSpan.FromSeconds(15);

    public RedisServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Options for a fresh, isolated pool on the shared server, with the <see cref="GuardTimeout"/>.</summary>
    public StatePlaneOptions Options(Action<StatePlaneOptions>? configure = null) => Guarded(Server, configure);

    /// <summary>Options for a fresh, isolated pool on <paramref name="server"/> (a test's own), with the <see cref="GuardTimeout"/>.</summary>
    public static StatePlaneOptions Guarded(RedisServerProcess server, Action<StatePlaneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var options = new StatePlaneOptions
        {
            Redis = server.EndPoint,
            KeyPrefix = "t-" + Guid.NewGuid().ToString("N")[..12],
            ConnectTimeout = GuardTimeout,
            OperationTimeout = GuardTimeout,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// A plain client of the shared server for looking behind the state plane, with the same guard
    /// on connecting and on its blocking calls (SCAN included; the client's own default is 1 s).
    /// Closed without waiting for QUIT replies: a plain Dispose waited out the whole sync timeout.
    /// </summary>
    public Task<RawRedis> ConnectRawAsync(string extra = "") => ConnectRawAsync(Server, extra);

    /// <summary>The same plain client for <paramref name="server"/> (a test's own).</summary>
    public static async Task<RawRedis> ConnectRawAsync(RedisServerProcess server, string extra = "")
    {
        ArgumentNullException.ThrowIfNull(server);
        return new(await ConnectionMultiplexer.ConnectAsync($"{server.EndPoint},syncTimeout={GuardTimeout.TotalMilliseconds:F0},connectTimeout={GuardTimeout.TotalMilliseconds:F0}{extra}"));
    }
}
