namespace BbuPool.Core.Events;

/// <summary>A failed node is repaired and returns powered off, available to the consolidator.</summary>
/// <param name="AtSeconds">When.</param>
/// <param name="NodeId">Which node.</param>
public sealed record NodeRepairEvent(double AtSeconds, string NodeId) : ScenarioEvent(AtSeconds);
