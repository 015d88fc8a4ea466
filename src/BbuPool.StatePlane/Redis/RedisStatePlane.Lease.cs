using System.Globalization;
using StackExchange.Redis;

namespace BbuPool.StatePlane.Redis;

/// <summary>The leader lease: "token|holder" under SET NX PX, renewed and released by Lua only while still ours.</summary>
public sealed partial class RedisStatePlane
{
    /// <inheritdoc />
    public async ValueTask<LeaderLease?> TryAcquireLeaseAsync(string holder, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var token = (long)await Guard(EvalAsync(
            LuaScripts.Acquire,
            [_keys.Lease, _keys.Fence, _keys.Events],
            [holder, Milliseconds(timeToLive), _maxLen]), cancellationToken);
        return token == 0 ? null : new LeaderLease(holder, token, timeToLive);
    }

    /// <inheritdoc />
    public async ValueTask<LeaderLease?> RenewLeaseAsync(LeaderLease lease, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var ok = (long)await Guard(EvalAsync(
            LuaScripts.Renew,
            [_keys.Lease],
            [LeaseValue(lease), Milliseconds(timeToLive)]), cancellationToken);
        return ok == 1 ? lease with { Remaining = timeToLive } : null;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseLeaseAsync(LeaderLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var ok = (long)await Guard(EvalAsync(
            LuaScripts.Release,
            [_keys.Lease, _keys.Events],
            [LeaseValue(lease), lease.Holder, lease.FencingToken, _maxLen]), cancellationToken);
        return ok == 1;
    }

    /// <inheritdoc />
    public async ValueTask<LeaderLease?> GetLeaseAsync(CancellationToken cancellationToken = default) =>
        ParseLease(await Guard(ReadLeaseAsync(), cancellationToken));

    private Task<RedisResult> ReadLeaseAsync() => EvalAsync(LuaScripts.ReadLease, [_keys.Lease], []);

    private static LeaderLease? ParseLease(RedisResult result)
    {
        var parts = (RedisResult[])result!;
        if (parts[0].IsNull)
        {
            return null;
        }

        var value = (string)parts[0]!;
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var ttl = (long)parts[1];
        return new LeaderLease(
            value[(bar + 1)..],
            long.Parse(value.AsSpan(0, bar), CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(Math.Max(0, ttl)));
    }

    private static string LeaseValue(LeaderLease lease) => string.Create(CultureInfo.InvariantCulture, $"{lease.FencingToken}|{lease.Holder}");

    private static string Milliseconds(TimeSpan t) => Math.Max(1, (long)Math.Ceiling(t.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
