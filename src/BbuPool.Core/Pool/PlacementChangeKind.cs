namespace BbuPool.Core.Pool;

/// <summary>What happened to a cell's placement.</summary>
public enum PlacementChangeKind
{
    /// <summary>First placement of an unplaced cell (no state to move).</summary>
    Place,

    /// <summary>Live migration from one node to another.</summary>
    Move,

    /// <summary>Re-placement of a cell whose node failed (state restored from nothing or a replica).</summary>
    Failover,

    /// <summary>More or fewer cores on the same node (local re-pin, no migration).</summary>
    Resize,

    /// <summary>The cell lost its placement (no capacity anywhere).</summary>
    Unplace,

    /// <summary>A hot-standby replica was placed or moved.</summary>
    Standby,
}
