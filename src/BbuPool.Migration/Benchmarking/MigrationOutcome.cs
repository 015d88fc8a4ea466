using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Benchmarking;

/// <summary>One measured migration, both ends.</summary>
/// <param name="Source">The source's result.</param>
/// <param name="Destination">The destination's result.</param>
/// <param name="TotalSeconds">Start at the source to the later end's finish.</param>
/// <param name="DowntimeSeconds">How much later the destination began the first TTI after the stop than the source would have (its slot on the grid, or right after the source's last TTI when the source ran behind); 0 when on time.</param>
/// <param name="BytesOnWire">Bytes sent by both ends.</param>
/// <param name="MissedTtis">Deadline misses at the source during the migration plus at the destination once active.</param>
public sealed record MigrationOutcome(
    MigrationResult Source,
    MigrationResult Destination,
    double TotalSeconds,
    double DowntimeSeconds,
    long BytesOnWire,
    long MissedTtis)
{
    /// <summary>True when both ends committed.</summary>
    public bool Committed => Source.Committed && Destination.Committed;

    /// <summary>Source end: each phase it entered, as milliseconds from its start, in order.</summary>
    public IReadOnlyList<(MigrationPhase Phase, double Ms)> PhaseOffsetsMs { get; init; } = [];

    /// <summary>The source host's deadline-miss count when the migration began (its misses before belong to no migration).</summary>
    public long SourceMissCountBefore { get; init; }

    /// <summary>The source host's deadline-miss count when the migration was measured.</summary>
    public long SourceMissCountAfter { get; init; }

    /// <summary>The destination host's deadline-miss count when the migration was measured (0 without an active destination).</summary>
    public long DestinationMissCountAfter { get; init; }

    /// <summary>The missed TTIs of <see cref="MissedTtis"/>, each placed in the source's phase (at most the last <see cref="Hosting.StackHost.MissLogLength"/> - 1 per end).</summary>
    public IReadOnlyList<MissedTti> Misses { get; init; } = [];
}
