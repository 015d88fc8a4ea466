namespace BbuPool.Core.Events;

/// <summary>A node dies: its stacks stop at once and must be re-placed.</summary>
/// <param name="AtSeconds">When.</param>
/// <param name="NodeId">Which node.</param>
public sealed record NodeFailureEvent(double AtSeconds, string NodeId) : ScenarioEvent(AtSeconds);
