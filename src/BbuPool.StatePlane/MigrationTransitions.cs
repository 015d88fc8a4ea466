namespace BbuPool.StatePlane;

/// <summary>The legal phase changes of a migration record, shared by both implementations (and mirrored in the Redis Lua script).</summary>
public static class MigrationTransitions
{
    /// <summary>True when a record in <paramref name="from"/> (null = no record yet) may be written in <paramref name="to"/>.</summary>
    public static bool IsAllowed(MigrationPhase? from, MigrationPhase to) => (from, to) switch
    {
        (null, MigrationPhase.Planned) => true,
        (MigrationPhase.Planned, MigrationPhase.Running) => true,
        (MigrationPhase.Planned, MigrationPhase.Aborted) => true,
        (MigrationPhase.Running, MigrationPhase.Committed) => true,
        (MigrationPhase.Running, MigrationPhase.Aborted) => true,
        _ => false,
    };
}
