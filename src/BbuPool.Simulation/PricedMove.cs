using BbuPool.Core.Migration;

namespace BbuPool.Simulation;

/// <summary>A live migration of this step with its predicted cost.</summary>
/// <param name="Cell">Cell index.</param>
/// <param name="FromNode">Source node index.</param>
/// <param name="ToNode">Destination node index.</param>
/// <param name="Estimate">Method, time, downtime, bytes.</param>
/// <param name="Reason">Why the scheduler moved it.</param>
public readonly record struct PricedMove(int Cell, int FromNode, int ToNode, MigrationEstimate Estimate, string Reason);
