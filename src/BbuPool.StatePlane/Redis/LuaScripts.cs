namespace BbuPool.StatePlane.Redis;

/// <summary>
/// The Lua scripts. Each runs atomically on the server in one round trip; StackExchange.Redis sends
/// EVALSHA and falls back to EVAL when the server's script cache is empty (after a restart).
/// Event kinds written to the stream are <see cref="StateEventKind"/> values.
/// </summary>
internal static class LuaScripts
{
    /// <summary>
    /// Plan commit. KEYS: versions, values, plan, lease, events. A removal keeps the cell's version
    /// (a tombstone), so versions only grow; expected version 0 also matches a removed cell, which
    /// then starts again at 1.
    /// ARGV: plan id, fencing token, plan memory ms, stream max length (0 = no event), event detail,
    /// then per move: cell, expected version, MessagePack value ("" = remove).
    /// Returns {0, "v,..."} committed | {1, "v,..."} already committed | {2, cell, actual} conflict | {3, token} fenced.
    /// </summary>
    public static readonly RedisScript Commit = new("""
        local done = redis.call('GET', KEYS[3])
        if done then return {1, done} end
        local held = '0'
        local lease = redis.call('GET', KEYS[4])
        if lease then held = string.match(lease, '^(%d+)|') end
        if held ~= ARGV[2] then return {3, held} end
        local n = (#ARGV - 5) / 3
        for i = 0, n - 1 do
          local b = 6 + i * 3
          local cur = redis.call('HGET', KEYS[1], ARGV[b]) or '0'
          if cur ~= ARGV[b + 1] then
            if ARGV[b + 1] ~= '0' or redis.call('HEXISTS', KEYS[2], ARGV[b]) == 1 then
              return {2, ARGV[b], cur}
            end
          end
        end
        local out = {}
        for i = 0, n - 1 do
          local b = 6 + i * 3
          local v = tonumber(ARGV[b + 1]) + 1
          redis.call('HSET', KEYS[1], ARGV[b], v)
          if ARGV[b + 2] == '' then
            redis.call('HDEL', KEYS[2], ARGV[b])
          else
            redis.call('HSET', KEYS[2], ARGV[b], ARGV[b + 2])
          end
          out[i + 1] = v
        end
        local csv = table.concat(out, ',')
        redis.call('SET', KEYS[3], csv, 'PX', ARGV[3])
        if ARGV[4] ~= '0' then
          redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], '*', 'k', '2', 's', ARGV[1], 'd', ARGV[5])
        end
        return {0, csv}
        """);

    /// <summary>
    /// Lease acquisition: SET NX PX with a token from INCR, atomically, so a token is spent only on success.
    /// KEYS: lease, fence, events. ARGV: holder, ttl ms, stream max length. Returns the token, or 0 when held.
    /// </summary>
    public static readonly RedisScript Acquire = new("""
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local t = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], t .. '|' .. ARGV[1], 'NX', 'PX', ARGV[2])
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 'k', '4', 's', ARGV[1], 'd', 'token ' .. t)
        return t
        """);

    /// <summary>Lease renewal: extend only if the value is still ours. KEYS: lease. ARGV: "token|holder", ttl ms. Returns 1 or 0.</summary>
    public static readonly RedisScript Renew = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """);

    /// <summary>Lease release: delete only if still ours. KEYS: lease, events. ARGV: "token|holder", holder, token, max length. Returns 1 or 0.</summary>
    public static readonly RedisScript Release = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'k', '5', 's', ARGV[2], 'd', 'token ' .. ARGV[3])
          return 1
        end
        return 0
        """);

    /// <summary>Lease read: {value or false, pttl}. KEYS: lease.</summary>
    public static readonly RedisScript ReadLease = new("""
        return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
        """);

    /// <summary>
    /// Migration record write with the phase rule of <see cref="MigrationTransitions"/>
    /// (none->Planned(0); Planned->Running(1)|Aborted(3); Running->Committed(2)|Aborted(3)).
    /// KEYS: phases, records, events. ARGV: id, phase, MessagePack value, max length, detail. Returns 1 or 0.
    /// </summary>
    public static readonly RedisScript Migration = new("""
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        local to = tonumber(ARGV[2])
        local ok = false
        if not cur then
          ok = (to == 0)
        else
          local f = tonumber(cur)
          ok = (f == 0 and (to == 1 or to == 3)) or (f == 1 and (to == 2 or to == 3))
        end
        if not ok then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'k', '3', 's', ARGV[1], 'd', ARGV[5])
        return 1
        """);

    /// <summary>Node registration: spec, state Up if none yet, event. KEYS: nodes, states, events. ARGV: id, spec, max length, detail.</summary>
    public static readonly RedisScript Register = new("""
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('HSETNX', KEYS[2], ARGV[1], '0')
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 'k', '0', 's', ARGV[1], 'd', ARGV[4])
        return 1
        """);

    /// <summary>Node state change, only for a registered node. KEYS: nodes, states, events. ARGV: id, state, max length, state name. Returns 1 or 0.</summary>
    public static readonly RedisScript SetNodeState = new("""
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 'k', '1', 's', ARGV[1], 'd', ARGV[4])
        return 1
        """);
}
