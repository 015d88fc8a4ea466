namespace BbuPool.Simulation;

/// <summary>Progress report of a running simulation.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Steps">Steps in the run.</param>
/// <param name="PoweredNodes">Nodes powered at the last step.</param>
public readonly record struct SimulationProgress(int Step, int Steps, int PoweredNodes);
