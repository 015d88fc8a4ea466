namespace BbuPool.StatePlane;

/// <summary>Which state plane to use and how to tune it.</summary>
public sealed class StatePlaneOptions
{
    /// <summary>
    /// StackExchange.Redis configuration ("HOST:PORT", optionally ",password=...,defaultDatabase=N").
    /// Null or empty selects the embedded in-process store.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Redis password (the default user's; 1.2.6 cannot AUTH as a named ACL user).</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Redis ACL user name. Not supported: StackExchange.Redis 1.2.6 (the only version this machine's
    /// registry serves) authenticates with a one-argument AUTH, i.e. as the "default" user, on
    /// every connect and reconnect; a non-empty value makes connecting fail with
    /// <see cref="NotSupportedException"/> rather than be ignored. Restrict the default user instead
    /// (docs/state-plane.md, "Authentication").
    /// </summary>
    public string? User { get; set; }

    /// <summary>Redis database index.</summary>
    public int Database { get; set; }

    /// <summary>
    /// Prefix of every key so several pools can share one Redis. Wrapped in a hash tag ({pool}) so
    /// all of one pool's keys live in one cluster slot, which multi-key Lua scripts need.
    /// </summary>
    public string KeyPrefix { get; set; } = "bbupool";

    /// <summary>Samples kept per cell: 120 = two minutes at the 1 s sampling the rebalancer smooths over.</summary>
    public int LoadWindow { get; set; } = 120;

    /// <summary>Events kept on the stream (approximately, Redis trims with MAXLEN ~): 10,000 is hours of a busy pool's plans, a few MB.</summary>
    public int EventStreamLength { get; set; } = 10_000;

    /// <summary>
    /// How long a committed plan id is remembered for idempotent retries: 24 h, far beyond any
    /// retry backoff, and at ~100 B per plan a million plans cost ~100 MB only in the worst case.
    /// Embedded forgets an id exactly this long after its commit; Redis keeps ids in one hash per
    /// period of this length and drops a hash at the end of the following period, so an id is
    /// remembered at least this long and at most twice as long.
    /// </summary>
    public TimeSpan PlanMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Connect timeout: 2 s fails a dead address fast enough for a CLI and a retrying controller.
    /// A refused address fails at once; a server that connects but is slow to answer gets up to
    /// twice this before connecting gives up.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest wait for one Redis reply before the call fails with StatePlaneUnavailableException:
    /// 2 s is ~70,000 local round trips, so only a dead or stalled server reaches it.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether each committed plan appends an event (one XADD inside the commit script). On by
    /// default so operators can follow; a bulk loader may turn it off.
    /// </summary>
    public bool EmitPlanEvents { get; set; } = true;

    /// <summary>Time source for the embedded store's time-to-lives; the Redis store uses the server's clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
