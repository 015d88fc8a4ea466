using BbuPool.Core.Pool;

namespace BbuPool.Core.Scheduling;

/// <summary>
/// Decides placements, migrations and power actions. Called once per step (simulation) or per
/// control period (live controller). It changes the pool only through <see cref="PoolState"/>'s
/// methods (its Bind step); the pool journals every change for costing and recording. It must
/// leave every placed cell within every constraint (docs/scheduling.md): the caller checks.
/// </summary>
public interface IPoolScheduler
{
    /// <summary>Scheduler name for reports.</summary>
    string Name { get; }

    /// <summary>Reacts to this step's loads and events.</summary>
    void Schedule(PoolState pool, in SchedulingContext context);
}
