using StackExchange.Redis;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>A plain StackExchange.Redis client that closes at once when disposed.</summary>
public sealed class RawRedis(ConnectionMultiplexer connection) : IAsyncDisposable
{
    /// <summary>The client.</summary>
    public ConnectionMultiplexer Connection { get; } = connection;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync(allowCommandsToComplete: false);
        Connection.Dispose();
    }
}
