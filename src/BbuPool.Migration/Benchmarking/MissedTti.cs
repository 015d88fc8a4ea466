using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Benchmarking;

/// <summary>A TTI missed during a benchmark migration, placed in the phase the source was in when the TTI's slot began.</summary>
/// <param name="End">The host that missed it.</param>
/// <param name="Phase">The source's phase at the slot's start (both ends share the process's clock).</param>
/// <param name="WakeLateUs">From the slot's start to the compute's start: a late wake-up, or a thread running behind.</param>
/// <param name="ComputeUs">The compute itself.</param>
public readonly record struct MissedTti(MigrationEnd End, MigrationPhase Phase, double WakeLateUs, double ComputeUs);
