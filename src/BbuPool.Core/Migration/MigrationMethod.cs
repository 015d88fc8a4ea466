namespace BbuPool.Core.Migration;

/// <summary>How a running stack's state moves between nodes (see docs/migration.md).</summary>
public enum MigrationMethod
{
    /// <summary>Let the workload-aware selector choose per migration.</summary>
    Auto,

    /// <summary>Stop the stack, copy every page, resume: the baseline.</summary>
    StopAndCopy,

    /// <summary>Rounds of dirty pages while the stack runs, then a short stop.</summary>
    Precopy,

    /// <summary>Stop, send execution state, resume at once; pages on demand.</summary>
    Postcopy,

    /// <summary>Pre-copy rounds, then post-copy for the rest.</summary>
    Hybrid,

    /// <summary>Buffer inputs from the switch point; destination restores and replays.</summary>
    Redundancy,

    /// <summary>A synced replica reviewed for N matching outputs, then a TTI-boundary switch.</summary>
    HotStandby,

    /// <summary>Make-before-break start at the destination; no state transfer.</summary>
    Stateless,
}
