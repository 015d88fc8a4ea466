namespace BbuPool.StatePlane;

/// <summary>What happened to a plan commit; the comments say what a caller does next.</summary>
public enum CommitOutcome
{
    /// <summary>Every move applied atomically. Done.</summary>
    Committed = 0,

    /// <summary>The same plan id was committed before (a retry after a lost reply). Done, nothing changed now.</summary>
    AlreadyCommitted = 1,

    /// <summary>A cell's version moved on since the plan was made; nothing applied. Re-plan from fresh state, do not retry as is.</summary>
    VersionConflict = 2,

    /// <summary>The fencing token is not the current lease's; nothing applied. The caller is no longer leader: stop committing.</summary>
    Fenced = 3,
}
