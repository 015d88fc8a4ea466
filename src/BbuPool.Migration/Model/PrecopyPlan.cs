using BbuPool.Core.Migration;

namespace BbuPool.Migration.Model;

/// <summary>The model's pre-copy prediction: rounds, whether they converge, what is left for the stop.</summary>
/// <param name="Rounds">Live rounds before the stop (round 0 = the full copy).</param>
/// <param name="Converged">False when the dirty set stopped shrinking (dirty rate &gt;= bandwidth) or the round limit hit.</param>
/// <param name="ResidualBytes">Bytes sent while the stack is stopped.</param>
/// <param name="LiveSeconds">Duration of the live rounds.</param>
/// <param name="LiveBytes">Bytes of the live rounds.</param>
/// <param name="Estimate">The resulting estimate.</param>
public readonly record struct PrecopyPlan(int Rounds, bool Converged, double ResidualBytes, double LiveSeconds, double LiveBytes, MigrationEstimate Estimate);
