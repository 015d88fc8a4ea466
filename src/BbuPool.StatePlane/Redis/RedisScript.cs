using System.Security.Cryptography;
using System.Text;

namespace BbuPool.StatePlane.Redis;

/// <summary>
/// A Lua script and its SHA1. Sent as EVALSHA (40 bytes instead of the text); on NOSCRIPT (a
/// restarted server or SCRIPT FLUSH) it is loaded and sent again. StackExchange.Redis 1.2.6's own
/// script cache does not recover from NOSCRIPT, hence this.
/// </summary>
internal sealed class RedisScript
{
    public RedisScript(string text)
    {
        Text = text;
#pragma warning disable CA5350 // SHA1 is what Redis names scripts by, not a security use.
        Hash = SHA1.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5350
    }

    /// <summary>The Lua source.</summary>
    public string Text { get; }

    /// <summary>SHA1 of the source, the EVALSHA name.</summary>
    public byte[] Hash { get; }

    /// <summary>True for the server's "script not cached" error.</summary>
    public static bool IsNoScript(Exception e) =>
        e is StackExchange.Redis.RedisServerException s && s.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal);
}
