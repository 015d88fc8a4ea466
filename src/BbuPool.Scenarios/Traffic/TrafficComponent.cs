using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// One traffic profile applied to its cells. Base profiles write the loads of their cells; overlays
/// (flash crowds) modify what the base wrote. One virtual call per component per step, then a tight
/// loop over its cells: no per-cell dispatch.
/// </summary>
internal abstract class TrafficComponent
{
    /// <summary>Writes (or modifies) the loads of this component's cells at <paramref name="timeSeconds"/>.</summary>
    public abstract void Apply(double timeSeconds, Span<LoadSample> loads);
}
