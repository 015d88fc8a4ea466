namespace BbuPool.Migration.Protocol;

/// <summary>Where a migration end stands (docs/migration-protocol.md, state machines).</summary>
public enum MigrationPhase
{
    /// <summary>Not started.</summary>
    Idle,

    /// <summary>Exchanging authenticated hellos.</summary>
    Handshake,

    /// <summary>Live rounds while the stack runs (pre-copy, hybrid, hot-standby sync).</summary>
    Rounds,

    /// <summary>The stack is paused at a TTI boundary.</summary>
    Stopped,

    /// <summary>The execution state is handed over: the destination is the running copy.</summary>
    StateSent,

    /// <summary>Post-copy: serving demand requests and pushing the rest.</summary>
    Serving,

    /// <summary>Replica methods: checkpoint or cut taken, replica being fed.</summary>
    Replicating,

    /// <summary>Hot-standby: comparing outputs.</summary>
    Reviewing,

    /// <summary>Waiting for the destination's commit.</summary>
    AwaitingCommit,

    /// <summary>Done; the destination owns the stack.</summary>
    Committed,

    /// <summary>Given up.</summary>
    Aborted,
}
