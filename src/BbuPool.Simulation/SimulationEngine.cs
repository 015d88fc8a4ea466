using System.Diagnostics;
using BbuPool.Core.Migration;
using BbuPool.Core.Scheduling;
using BbuPool.Scenarios;

namespace BbuPool.Simulation;

/// <summary>
/// Virtual-time simulation of a pool under a scenario: each step the traffic moves, events fire,
/// the scheduler decides, moves are priced by the migration cost model and the step is measured.
/// Deterministic for a seed: single-threaded, no wall clock in any figure but wall_seconds.
/// </summary>
public sealed partial class SimulationEngine
{
    private readonly Scenario _scenario;
    private readonly IPoolScheduler _scheduler;
    private readonly IMigrationCostModel _migrationModel;
    private readonly SimulationSettings _settings;
    private readonly ISimulationObserver? _observer;

    /// <summary>Creates an engine; nothing runs until <see cref="Run"/>.</summary>
    public SimulationEngine(
        Scenario scenario,
        IPoolScheduler scheduler,
        IMigrationCostModel migrationModel,
        SimulationSettings settings,
        ISimulationObserver? observer = null)
    {
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _migrationModel = migrationModel ?? throw new ArgumentNullException(nameof(migrationModel));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _observer = observer;
    }

    /// <summary>Runs the scenario to its end and returns the report.</summary>
    public SimulationReport Run(IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        var run = new RunState(_scenario, _settings, _migrationModel);
        var pool = run.Pool;
        _observer?.OnStart(pool);
        var progressEvery = Math.Max(1, run.Steps / 200);
        for (var s = 0; s < run.Steps; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var snapshot = run.Step(s, _scheduler);
            _observer?.OnStep(pool, snapshot, run.Moves);
            if (progress is not null && (s % progressEvery == 0 || s == run.Steps - 1))
            {
                progress.Report(new SimulationProgress(s + 1, run.Steps, snapshot.PoweredNodes));
            }
        }

        var report = run.Finish(_scheduler.Name, _migrationModel.GetType().Name, wall.Elapsed.TotalSeconds);
        _observer?.OnFinish(pool, report);
        return report;
    }
}
