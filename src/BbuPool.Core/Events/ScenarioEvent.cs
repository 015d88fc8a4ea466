namespace BbuPool.Core.Events;

/// <summary>Something that happens to the pool at a time (scenario `events:`).</summary>
/// <param name="AtSeconds">Virtual time since the scenario start.</param>
public abstract record ScenarioEvent(double AtSeconds);
