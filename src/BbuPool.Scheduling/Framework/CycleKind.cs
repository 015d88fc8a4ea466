namespace BbuPool.Scheduling.Framework;

/// <summary>Which pool mutation a scheduling cycle ends in (its Bind).</summary>
public enum CycleKind
{
    /// <summary>First placement of an unplaced cell (PoolState.TryPlace, journalled Place).</summary>
    Place,

    /// <summary>Live migration of a placed cell (PoolState.TryPlace to another node, journalled Move).</summary>
    Move,

    /// <summary>Re-placement of a cell whose node failed (PoolState.TryFailover).</summary>
    Failover,

    /// <summary>Placement of a hot-standby replica (PoolState.TryPlaceStandby).</summary>
    Standby,
}
