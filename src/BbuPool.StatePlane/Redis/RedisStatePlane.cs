using System.Diagnostics;
using System.Globalization;
using BbuPool.Core.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace BbuPool.StatePlane.Redis;

/// <summary>
/// The Redis state plane (StackExchange.Redis 1.2.6 over one multiplexed connection). Every
/// multi-key change is one Lua script, so it is atomic and costs one round trip; batches are
/// pipelined. Connection loss surfaces as <see cref="StatePlaneUnavailableException"/> within
/// <see cref="StatePlaneOptions.OperationTimeout"/>; the multiplexer reconnects in the background.
/// </summary>
public sealed partial class RedisStatePlane : IStatePlane
{
    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly StatePlaneOptions _options;
    private readonly ILogger _logger;
    private readonly RedisValue _maxLen;
    private readonly RedisValue _planMemoryMs;
    private readonly RedisValue _planIdsPrefix;

    private readonly string _where;

    private RedisStatePlane(ConnectionMultiplexer connection, StatePlaneOptions options, string where, ILogger logger)
    {
        _where = where;
        _connection = connection;
        _options = options;
        _logger = logger;
        _db = connection.GetDatabase(options.Database);
        _keys = new RedisKeys(options.KeyPrefix);
        _maxLen = options.EventStreamLength.ToString(CultureInfo.InvariantCulture);
        _planMemoryMs = Math.Max(1L, (long)options.PlanMemory.TotalMilliseconds);
        _planIdsPrefix = _keys.PlanIdsPrefix;
        Description = "redis " + where;
        _connection.ConnectionFailed += (_, e) => LogConnectionFailed(e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        _connection.ConnectionRestored += (_, e) => LogConnectionRestored(e.EndPoint?.ToString() ?? "?");
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Connects and waits for the server's first answer; throws <see cref="StatePlaneUnavailableException"/> when none comes within twice the connect timeout.</summary>
    public static async ValueTask<RedisStatePlane> ConnectAsync(StatePlaneOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Redis);
        RejectAclUser(options);
        var config = ConfigurationOptions.Parse(options.Redis);
        // Endpoints and database only: the connection string may carry a password, which must not
        // reach logs, exception messages or `state dump` headers.
        var where = string.Join(',', config.EndPoints.Select(e => e is System.Net.DnsEndPoint d ? $"{d.Host}:{d.Port}" : e.ToString()))
            + (options.Database != 0 ? $"/{options.Database}" : string.Empty);
        // Keep reconnecting in the background after a restart instead of failing for good.
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        config.ConnectRetry = 1;
        if (!string.IsNullOrEmpty(options.Password))
        {
            config.Password = options.Password;
        }

        // The whole connect, the server's first answer included, gets twice the connect timeout:
        // the client's own wait, then up to as long again for a server it marked as slow to clear.
        var budget = options.ConnectTimeout * 2;
        var started = Stopwatch.GetTimestamp();
        var connecting = ConnectionMultiplexer.ConnectAsync(config);
        ConnectionMultiplexer connection;
        try
        {
            connection = await connecting.WaitAsync(budget, cancellationToken);
        }
        catch (Exception e) when (e is RedisConnectionException or TimeoutException or OperationCanceledException)
        {
            // A connect that outlives the wait still hands back a multiplexer later, one that would
            // keep reconnecting in the background for good: dispose it when it comes.
            _ = connecting.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new StatePlaneUnavailableException($"Redis at {where} did not answer within {budget.TotalSeconds:0.#} s: {e.Message}", e);
        }

        // Completions go to the thread pool instead of the multiplexer's one ordered completion
        // queue. With ordering preserved, a caller that blocks on a result (sync-over-async, as the
        // simulator's observer does) while running on that queue's thread deadlocks until the
        // operation times out; nothing here relies on completion order (Redis runs pipelined
        // commands in send order regardless).
        connection.PreserveAsyncOrder = false;

        // Not connected before the client's own wait was over: the socket failed (a refused or
        // unreachable address), which waiting longer would not mend, so fail as fast as before.
        // A server that is only slow keeps the client waiting its whole connect timeout.
        if (!connection.IsConnected && Stopwatch.GetElapsedTime(started) < options.ConnectTimeout)
        {
            await CloseAsync(connection);
            throw new StatePlaneUnavailableException($"Redis at {where} did not answer: the connection failed before the connect timeout.");
        }

        bool answered;
        try
        {
            answered = await FirstAnswer.WaitAsync(connection.GetDatabase(options.Database), started, budget, cancellationToken);
        }
        catch (Exception e)
        {
            await CloseAsync(connection);
            if (e is RedisException)
            {
                throw new StatePlaneUnavailableException($"Redis at {where} refused its first command: {e.Message}", e);
            }

            throw;
        }

        if (!answered)
        {
            await CloseAsync(connection);
            throw new StatePlaneUnavailableException($"Redis at {where} did not answer within {budget.TotalSeconds:0.#} s.");
        }

        var plane = new RedisStatePlane(connection, options, where, logger ?? NullLogger.Instance);
        // Leave the multiplexer's thread before handing back: the caller's code after this await
        // must not run (and perhaps block) on it.
        await Task.Yield();
        return plane;
    }

    private static async Task CloseAsync(ConnectionMultiplexer connection)
    {
        await connection.CloseAsync(false);
        connection.Dispose();
    }

    /// <summary>
    /// Fails fast on a named ACL user (<see cref="StatePlaneOptions.User"/>, or user=/username= in the
    /// connection string, which 1.2.6's parser would reject only as an unknown keyword): connecting
    /// as the default user instead would silently run with other permissions than the operator chose.
    /// </summary>
    internal static void RejectAclUser(StatePlaneOptions options)
    {
        var user = options.User;
        foreach (var part in options.Redis!.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? part[..eq].Trim() : string.Empty;
            if (key.Equals("user", StringComparison.OrdinalIgnoreCase) || key.Equals("username", StringComparison.OrdinalIgnoreCase))
            {
                user ??= part[(eq + 1)..].Trim();
            }
        }

        if (!string.IsNullOrEmpty(user))
        {
            throw new NotSupportedException(
                $"Redis ACL user \"{user}\" cannot be used: StackExchange.Redis 1.2.6 (the only version this registry serves) "
                + "authenticates with AUTH <password> only, i.e. as the \"default\" user, on every connect and reconnect; it has no "
                + "user option and cannot send AUTH <user> <password> or HELLO. Give the default user a password and restrict it to "
                + "this pool's keys instead (ACL SETUSER default on >PASSWORD resetkeys ~{prefix}:* ..., see docs/state-plane.md), "
                + "and pass password=... or StatePlaneOptions.Password.");
        }
    }

    /// <summary>True while the connection is up.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync(true);
        _connection.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask RegisterNodeAsync(NodeSpec node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        await Guard(EvalAsync(
            LuaScripts.Register,
            [_keys.Nodes, _keys.NodeStates, _keys.Events],
            [node.Id, StateCodec.Encode(node), _maxLen, string.Create(CultureInfo.InvariantCulture, $"{node.Arch} {node.Cores} cores")]), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask HeartbeatAsync(string nodeId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        await Guard(_db.StringSetAsync(_keys.Heartbeat(nodeId), "1", timeToLive), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> SetNodeStateAsync(string nodeId, NodeState state, CancellationToken cancellationToken = default)
    {
        var result = await Guard(EvalAsync(
            LuaScripts.SetNodeState,
            [_keys.Nodes, _keys.NodeStates, _keys.Events],
            [nodeId, (int)state, _maxLen, state.ToString()]), cancellationToken);
        return (long)result == 1;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<NodeStatus>> GetNodesAsync(CancellationToken cancellationToken = default)
    {
        var specs = _db.HashGetAllAsync(_keys.Nodes);
        var states = _db.HashGetAllAsync(_keys.NodeStates);
        return await ReadNodesAsync(await Guard(specs, cancellationToken), await Guard(states, cancellationToken), cancellationToken);
    }

    private async ValueTask<IReadOnlyList<NodeStatus>> ReadNodesAsync(HashEntry[] specs, HashEntry[] states, CancellationToken cancellationToken)
    {
        var stateById = states.ToDictionary(e => (string)e.Name!, e => (NodeState)(int)e.Value, StringComparer.Ordinal);
        var nodes = specs.Select(e => StateCodec.DecodeNode((byte[])e.Value!)).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        // One pipelined PTTL per node: heartbeats are separate keys so Redis expires them on its own clock.
        var ttls = nodes.Select(n => _db.KeyTimeToLiveAsync(_keys.Heartbeat(n.Id))).ToArray();
        await Guard(Task.WhenAll(ttls), cancellationToken);
        var list = new List<NodeStatus>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var ttl = ttls[i].Result;
            list.Add(new NodeStatus(nodes[i], stateById.GetValueOrDefault(nodes[i].Id, NodeState.Up), ttl is not null, ttl));
        }

        return list;
    }

    /// <inheritdoc />
    public async ValueTask<PoolSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        // Issued together so they share one flush; not a transaction (a commit may land between reads).
        var specs = _db.HashGetAllAsync(_keys.Nodes);
        var states = _db.HashGetAllAsync(_keys.NodeStates);
        var placements = _db.HashGetAllAsync(_keys.PlacementValues);
        var migrations = _db.HashGetAllAsync(_keys.Migrations);
        var lease = ReadLeaseAsync();
        var last = _db.ExecuteAsync("XREVRANGE", _keys.Events, "+", "-", "COUNT", 1);
        var nodes = await ReadNodesAsync(await Guard(specs, cancellationToken), await Guard(states, cancellationToken), cancellationToken);
        var lastEvents = ParseEvents(await Guard(last, cancellationToken));
        return new PoolSnapshot(
            nodes,
            DecodePlacements(await Guard(placements, cancellationToken)),
            [.. (await Guard(migrations, cancellationToken)).Select(e => StateCodec.DecodeMigration((byte[])e.Value!)).OrderBy(m => m.MigrationId, StringComparer.Ordinal)],
            ParseLease(await Guard(lease, cancellationToken)),
            lastEvents.Count > 0 ? lastEvents[0].Id : null);
    }

    /// <summary>EVALSHA, loading the script once and trying again when the server does not have it.</summary>
    private async Task<RedisResult> EvalAsync(RedisScript script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await _db.ScriptEvaluateAsync(script.Hash, keys, args);
        }
        catch (RedisServerException e) when (RedisScript.IsNoScript(e))
        {
            // NOSCRIPT means the script did not run, so sending it again cannot apply it twice.
            await _db.ExecuteAsync("SCRIPT", "LOAD", script.Text);
            return await _db.ScriptEvaluateAsync(script.Hash, keys, args);
        }
    }

    /// <summary>Awaits a Redis call (resuming on the thread pool, see <see cref="ReaderSafeCompletion"/>), turning connection loss, timeouts and a loading/restarting server into <see cref="StatePlaneUnavailableException"/>.</summary>
    private async ValueTask<T> Guard<T>(Task<T> task, CancellationToken cancellationToken, int operations = 1)
    {
        try
        {
            var settled = task.WaitAsync(Timeout(operations), cancellationToken);
            await ReaderSafeCompletion.OnThreadPool(settled);
            return await settled;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    private async ValueTask Guard(Task task, CancellationToken cancellationToken, int operations = 1)
    {
        try
        {
            var settled = task.WaitAsync(Timeout(operations), cancellationToken);
            await ReaderSafeCompletion.OnThreadPool(settled);
            await settled;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    // A pipelined batch gets the base timeout per 10,000 operations (~0.1 s of work each at 100k/s).
    private TimeSpan Timeout(int operations) => _options.OperationTimeout * Math.Max(1, (operations + 9_999) / 10_000);

    internal static bool IsUnavailable(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        // LOADING: a restarted server replaying its AOF; BUSY: a long script; MASTERDOWN/READONLY: failover in progress.
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || s.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || s.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || s.Message.StartsWith("READONLY", StringComparison.Ordinal),
        _ => false,
    };

    private StatePlaneUnavailableException Unavailable(Exception e) =>
        new($"Redis at {_where} is unavailable: {e.Message}", e);
}
