using BbuPool.Core.Pool;

namespace BbuPool.Simulation;

/// <summary>
/// Sees the pool after each step (for example the state-plane recorder that writes placements to
/// Redis or the embedded store). Runs on the simulation thread: keep it quick.
/// </summary>
public interface ISimulationObserver
{
    /// <summary>Called once before the first step with the initial (empty) pool.</summary>
    void OnStart(PoolState pool);

    /// <summary>Called after each step; <see cref="PoolState.Journal"/> holds the step's changes, <paramref name="moves"/> its priced migrations.</summary>
    void OnStep(PoolState pool, in StepSnapshot step, IReadOnlyList<PricedMove> moves);

    /// <summary>Called once after the last step.</summary>
    void OnFinish(PoolState pool, SimulationReport report);
}
