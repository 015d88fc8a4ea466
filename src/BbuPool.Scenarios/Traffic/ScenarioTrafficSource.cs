using BbuPool.Core.Model;
using BbuPool.Core.Traffic;

namespace BbuPool.Scenarios.Traffic;

/// <summary>The traffic of a whole scenario: its base profiles, then its overlays, applied in order.</summary>
internal sealed class ScenarioTrafficSource : ITrafficSource
{
    private readonly TrafficComponent[] _components;

    /// <summary>A source for <paramref name="cellCount"/> cells; base components must come before overlays.</summary>
    public ScenarioTrafficSource(int cellCount, TrafficComponent[] components)
    {
        CellCount = cellCount;
        _components = components;
    }

    /// <inheritdoc/>
    public int CellCount { get; }

    /// <inheritdoc/>
    public void Sample(double timeSeconds, Span<LoadSample> loads)
    {
        if (loads.Length < CellCount)
        {
            throw new ArgumentException($"need room for {CellCount} cells, got {loads.Length}", nameof(loads));
        }

        foreach (var c in _components)
        {
            c.Apply(timeSeconds, loads);
        }
    }
}
