using BbuPool.StatePlane.Embedded;
using BbuPool.StatePlane.Redis;
using Microsoft.Extensions.Logging;

namespace BbuPool.StatePlane;

/// <summary>Creates the state plane the options ask for: Redis when a connection string is given, else the embedded store.</summary>
public static class StatePlaneFactory
{
    /// <summary>Creates and, for Redis, connects the state plane; throws <see cref="StatePlaneUnavailableException"/> when Redis cannot be reached.</summary>
    public static async ValueTask<IStatePlane> CreateAsync(StatePlaneOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            return new EmbeddedStatePlane(options);
        }

        return await RedisStatePlane.ConnectAsync(options, logger, cancellationToken);
    }

    /// <summary>Creates the embedded store (never fails, never blocks).</summary>
    public static IStatePlane CreateEmbedded(StatePlaneOptions? options = null) => new EmbeddedStatePlane(options ?? new StatePlaneOptions());
}
