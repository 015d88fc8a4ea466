namespace BbuPool.StatePlane;

/// <summary>What an event on the pool's event stream reports.</summary>
public enum StateEventKind
{
    /// <summary>A node registered (or re-registered).</summary>
    NodeRegistered = 0,

    /// <summary>A node's administrative state changed.</summary>
    NodeStateChanged = 1,

    /// <summary>A placement plan committed; the detail lists its moves.</summary>
    PlanCommitted = 2,

    /// <summary>A migration record was created or changed phase.</summary>
    MigrationChanged = 3,

    /// <summary>A controller acquired the leader lease.</summary>
    LeaseAcquired = 4,

    /// <summary>A controller released the leader lease.</summary>
    LeaseReleased = 5,
}
