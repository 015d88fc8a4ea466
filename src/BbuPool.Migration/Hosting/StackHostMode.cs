namespace BbuPool.Migration.Hosting;

/// <summary>How a host obtains its TTIs.</summary>
public enum StackHostMode
{
    /// <summary>The active copy: TTIs on the clock, inputs from the radio.</summary>
    Clocked,

    /// <summary>A replica: TTIs as fast as forwarded inputs arrive; outputs compared, never sent.</summary>
    Follower,

    /// <summary>
    /// A caught-up hot-standby replica: TTIs on the clock with inputs from this node's radio tap
    /// (the fronthaul switch duplicates them during the migration, seed 002); outputs compared,
    /// never sent. Its promotion costs nothing on the TTI path: it already runs on the grid.
    /// </summary>
    Shadow,
}
