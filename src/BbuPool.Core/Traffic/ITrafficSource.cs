using BbuPool.Core.Model;

namespace BbuPool.Core.Traffic;

/// <summary>Per-cell load over virtual time; deterministic for a seed.</summary>
public interface ITrafficSource
{
    /// <summary>Cells this source produces loads for (index = cell index of the scenario).</summary>
    int CellCount { get; }

    /// <summary>
    /// Writes every cell's load at <paramref name="timeSeconds"/> into <paramref name="loads"/>.
    /// Called once per step with non-decreasing times; must not allocate.
    /// </summary>
    void Sample(double timeSeconds, Span<LoadSample> loads);
}
