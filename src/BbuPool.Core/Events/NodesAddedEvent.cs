using BbuPool.Core.Model;

namespace BbuPool.Core.Events;

/// <summary>New servers join the pool (powered off, ready to be woken).</summary>
/// <param name="AtSeconds">When.</param>
/// <param name="Nodes">The nodes, ids unique across the scenario.</param>
public sealed record NodesAddedEvent(double AtSeconds, IReadOnlyList<NodeSpec> Nodes) : ScenarioEvent(AtSeconds);
