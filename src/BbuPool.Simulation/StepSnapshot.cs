namespace BbuPool.Simulation;

/// <summary>Figures of one simulated step.</summary>
/// <param name="Index">Step number from 0.</param>
/// <param name="TimeSeconds">Virtual time at the step.</param>
/// <param name="PoweredNodes">Nodes drawing power (up, draining, booting).</param>
/// <param name="LowerBoundNodes">Fewest nodes that could hold this step's demand.</param>
/// <param name="DemandCores">Sum of cells' cores with headroom, in reference cores.</param>
/// <param name="PowerWatts">Pool power draw.</param>
/// <param name="MissedTtis">TTIs missed in this step (overload, downtime, outage).</param>
/// <param name="Migrations">Live migrations started in this step.</param>
public readonly record struct StepSnapshot(
    int Index,
    double TimeSeconds,
    int PoweredNodes,
    int LowerBoundNodes,
    double DemandCores,
    double PowerWatts,
    double MissedTtis,
    int Migrations);
