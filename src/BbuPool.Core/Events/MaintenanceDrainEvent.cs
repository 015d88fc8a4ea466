namespace BbuPool.Core.Events;

/// <summary>An operator drains a node for maintenance: its stacks are live-migrated away, then it powers off.</summary>
/// <param name="AtSeconds">When the drain starts.</param>
/// <param name="NodeId">Which node.</param>
/// <param name="DurationSeconds">How long the node stays out of service (null: until the end).</param>
public sealed record MaintenanceDrainEvent(double AtSeconds, string NodeId, double? DurationSeconds) : ScenarioEvent(AtSeconds);
