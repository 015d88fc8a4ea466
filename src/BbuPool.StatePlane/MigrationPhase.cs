namespace BbuPool.StatePlane;

/// <summary>The life of a migration record: Planned -> Running -> Committed | Aborted (Planned may also abort).</summary>
public enum MigrationPhase
{
    /// <summary>Decided, not started.</summary>
    Planned = 0,

    /// <summary>State is being copied.</summary>
    Running = 1,

    /// <summary>The destination serves the cell. Final.</summary>
    Committed = 2,

    /// <summary>Given up; the source keeps the cell. Final.</summary>
    Aborted = 3,
}
