namespace BbuPool.Migration.Protocol;

/// <summary>When a migration end entered a phase: the timeline a benchmark or an operator reads to see where the time went.</summary>
/// <param name="Phase">The phase entered.</param>
/// <param name="Timestamp">When (the engine's TimeProvider timestamp, the clock of <see cref="MigrationResult.StartTimestamp"/>).</param>
public readonly record struct PhaseMark(MigrationPhase Phase, long Timestamp);
