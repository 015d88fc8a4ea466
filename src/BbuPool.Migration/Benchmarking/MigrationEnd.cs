namespace BbuPool.Migration.Benchmarking;

/// <summary>Which end of a migration a figure belongs to.</summary>
public enum MigrationEnd
{
    /// <summary>The copy that ran before the switch.</summary>
    Source,

    /// <summary>The copy that runs after it (and its replica before it, for the replica methods).</summary>
    Destination,
}
