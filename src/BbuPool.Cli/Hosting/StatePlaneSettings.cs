using System.ComponentModel.DataAnnotations;
using BbuPool.StatePlane;

namespace BbuPool.Cli.Hosting;

/// <summary>
/// The Redis state plane's timeouts, from the "StatePlane" configuration section
/// (`BBUPOOL_StatePlane__OperationTimeout=00:00:10`): the defaults are StatePlaneOptions' own
/// (2 s each, for a server on the LAN); a pool whose Redis sits behind a slower link, or a shared
/// CI machine that stalls for seconds, raises them here rather than in code.
/// </summary>
public sealed class StatePlaneSettings
{
    /// <summary>Connect timeout (1 ms to 10 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = new StatePlaneOptions().ConnectTimeout;

    /// <summary>Longest wait for one reply (1 ms to 10 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan OperationTimeout { get; set; } = new StatePlaneOptions().OperationTimeout;

    /// <summary>Options for the pool at <paramref name="redis"/> under <paramref name="keyPrefix"/>, with these timeouts.</summary>
    public StatePlaneOptions For(string? redis, string keyPrefix, int database = 0) => new()
    {
        Redis = redis,
        KeyPrefix = keyPrefix,
        Database = database,
        ConnectTimeout = ConnectTimeout,
        OperationTimeout = OperationTimeout,
    };
}
