namespace BbuPool.StatePlane.Redis;

/// <summary>
/// The Lua scripts. Each runs atomically on the server in one round trip; StackExchange.Redis sends
/// EVALSHA and falls back to EVAL when the server's script cache is empty (after a restart).
/// Event kinds written to the stream are <see cref="StateEventKind"/> values.
/// </summary>
internal static class LuaScripts
{
    /// <summary>
    /// Plan commit, for one plan or a run of pipelined plans in one call (each plan all-or-nothing on
    /// its own, in order, so a plan sees the versions the one before it wrote). A removal keeps the
    /// cell's version (a tombstone), so versions only grow; expected version 0 also matches a removed
    /// cell, which then starts again at 1.
    /// KEYS: versions, values, lease, events. The plan-id hashes "{p}:plans:&lt;bucket&gt;" are named
    /// from the server's clock inside the script (same hash tag, so the same cluster slot).
    /// ARGV: plan memory ms, stream max length (0 = no events), plan-id key prefix "{p}:plans:", then
    /// per plan: plan id, fencing token, new versions "v1,v2,..." (each expected + 1), event detail,
    /// move count, then per move: cell, expected version, MessagePack value ("" = remove).
    /// Returns one flat array, per plan in order: 0 committed | 1, "v,..." already committed |
    /// 2, cell, actual conflict | 3, token fenced (flat: 1.2.6 cannot tell an integer reply from an array).
    /// <para>
    /// Server work is what bounds pipelined commits, so the committed path is the minimum. Plan ids
    /// go into one hash per plan-memory period (bucket = server ms / plan memory; the hash expires at
    /// the end of the next period, so an id is remembered for at least the plan memory and at most
    /// twice it): HSETNX into this period's hash is the check and the record in one call, plus one
    /// HGET of the previous period's hash; measured inside a script on this machine, HSET costs
    /// 1.5-2.6 us and HGET 1.7-2.2 us against 6.9-11 us for SET NX PX of a new key (key creation
    /// plus its expiry entry), and redis-server CPU per single-move plan halved (docs/benchmarks.md).
    /// Per move, HINCRBY is the version check and the version write in one call, then HSET (HDEL) of
    /// the value; then one XADD. A refused plan undoes what it wrote before anything else runs (a
    /// script is atomic): the versions get their old values back (a field that did not exist is
    /// deleted again) and its id is removed, so a refused plan is not remembered, as before. The
    /// clock and lease are read, and the stream trimmed, once per call rather than per plan.
    /// </para>
    /// </summary>
    public static readonly RedisScript Commit = new("""
        local out = {}
        local o = 0
        local a = 4
        local held = nil
        local events = ARGV[2] ~= '0'
        local memory = tonumber(ARGV[1])
        local now = redis.call('TIME')
        local bucket = math.floor((tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)) / memory)
        local ids = ARGV[3] .. string.format('%d', bucket)
        local previous = ARGV[3] .. string.format('%d', bucket - 1)
        while a <= #ARGV do
          local id = ARGV[a]
          local first = a + 5
          local last = first + tonumber(ARGV[a + 4]) * 3 - 1
          local earlier = nil
          if redis.call('HSETNX', ids, id, ARGV[a + 2]) == 0 then
            earlier = redis.call('HGET', ids, id)
          else
            earlier = redis.call('HGET', previous, id)
            if earlier then redis.call('HDEL', ids, id) end
          end
          if earlier then
            out[o + 1] = 1
            out[o + 2] = earlier
            o = o + 2
          else
            if not held then
              held = '0'
              local lease = redis.call('GET', KEYS[3])
              if lease then held = string.match(lease, '^(%d+)|') end
            end
            local refused = nil
            local old = {}
            if held ~= ARGV[a + 1] then
              refused = {3, held}
            else
              for b = first, last, 3 do
                local want = tonumber(ARGV[b + 1])
                local cur = redis.call('HINCRBY', KEYS[1], ARGV[b], 1) - 1
                old[#old + 1] = cur
                if cur ~= want then
                  if want == 0 and redis.call('HEXISTS', KEYS[2], ARGV[b]) == 0 then
                    redis.call('HSET', KEYS[1], ARGV[b], 1)
                  else
                    refused = {2, ARGV[b], tostring(cur)}
                    break
                  end
                end
              end
              if refused then
                for i = 1, #old do
                  local cell = ARGV[first + (i - 1) * 3]
                  if old[i] == 0 then
                    redis.call('HDEL', KEYS[1], cell)
                  else
                    redis.call('HSET', KEYS[1], cell, old[i])
                  end
                end
              end
            end
            if refused then
              redis.call('HDEL', ids, id)
              for _, x in ipairs(refused) do
                o = o + 1
                out[o] = x
              end
            else
              for b = first, last, 3 do
                if ARGV[b + 2] == '' then
                  redis.call('HDEL', KEYS[2], ARGV[b])
                else
                  redis.call('HSET', KEYS[2], ARGV[b], ARGV[b + 2])
                end
              end
              if events then
                redis.call('XADD', KEYS[4], '*', 'k', '2', 's', id, 'd', ARGV[a + 3])
              end
              out[o + 1] = 0
              o = o + 1
            end
          end
          a = last + 1
        end
        -- After the plans: the hash exists now if any id went in (PEXPIREAT on a missing key is a no-op).
        redis.call('PEXPIREAT', ids, string.format('%d', (bucket + 2) * memory))
        if events then redis.call('XTRIM', KEYS[4], 'MAXLEN', '~', ARGV[2]) end
        return out
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
