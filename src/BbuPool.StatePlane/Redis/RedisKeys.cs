namespace BbuPool.StatePlane.Redis;

/// <summary>
/// The key schema (docs/state-plane.md). Every key starts with "{prefix}:" — the braces are a
/// Redis Cluster hash tag, so one pool's keys share a slot and the multi-key Lua scripts run there.
/// </summary>
internal sealed class RedisKeys
{
    public RedisKeys(string prefix)
    {
        Root = "{" + prefix + "}:";
        Nodes = Root + "nodes";
        NodeStates = Root + "node:state";
        PlacementVersions = Root + "placement:ver";
        PlacementValues = Root + "placement:val";
        Migrations = Root + "migrations";
        MigrationPhases = Root + "migration:phase";
        Lease = Root + "lease";
        Fence = Root + "lease:fence";
        Events = Root + "events";
    }

    /// <summary>"{prefix}:".</summary>
    public string Root { get; }

    /// <summary>Hash node id -> NodeSpec (MessagePack).</summary>
    public string Nodes { get; }

    /// <summary>Hash node id -> NodeState as an integer.</summary>
    public string NodeStates { get; }

    /// <summary>Hash cell id -> version (integer text, compared by the commit script).</summary>
    public string PlacementVersions { get; }

    /// <summary>Hash cell id -> Placement (MessagePack, version included).</summary>
    public string PlacementValues { get; }

    /// <summary>Hash migration id -> MigrationEntry (MessagePack).</summary>
    public string Migrations { get; }

    /// <summary>Hash migration id -> MigrationPhase as an integer (checked by the transition script).</summary>
    public string MigrationPhases { get; }

    /// <summary>String "token|holder" with PX time-to-live: the leader lease.</summary>
    public string Lease { get; }

    /// <summary>Counter: the last fencing token handed out (INCR on every acquisition).</summary>
    public string Fence { get; }

    /// <summary>Stream of events (fields k = kind, s = subject, d = detail), trimmed with MAXLEN ~.</summary>
    public string Events { get; }

    /// <summary>String with PX time-to-live: the node's last heartbeat.</summary>
    public string Heartbeat(string nodeId) => Root + "hb:" + nodeId;

    /// <summary>
    /// Prefix of the hashes plan id -> "v1,v2,..." of committed plans, one per plan-memory period
    /// ("{prefix}:plans:&lt;server ms / plan memory&gt;"), each expiring at the end of the next period.
    /// </summary>
    public string PlanIdsPrefix => Root + "plans:";

    /// <summary>List, newest first, trimmed to the load window: a cell's load samples.</summary>
    public string Load(string cellId) => Root + "load:" + cellId;
}
