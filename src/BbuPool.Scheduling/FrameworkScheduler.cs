using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Core.Scheduling;
using BbuPool.Scheduling.Consolidation;
using BbuPool.Scheduling.Evacuation;
using BbuPool.Scheduling.Failover;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Rebalancing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BbuPool.Scheduling;

/// <summary>
/// The scheduler engine: a plugin framework (PreFilter .. Bind, plugins from the policy) driving
/// failover, in-place resizing, placement, hot-standby replicas, anti-thrash rebalancing,
/// consolidation and ordered evacuation, once per step. A step where nothing changed costs O(cells)
/// arithmetic and no allocation; each decision walks only the capacity buckets that can fit.
/// </summary>
public sealed partial class FrameworkScheduler : IPoolScheduler
{
    /// <summary>
    /// Candidates scored per cell in the initial full placement. The walk already yields nodes
    /// best-fit first; on the 10,000-cell / 1,000-node benchmark pool scoring 16, 4 or 1 of them
    /// used the same 427 nodes while 16 took 1.7 times the CPU time of 4 (11.3 vs 6.7 ms, best of
    /// 13 runs, 2026-12-01), and the rebalancer and consolidator refine the packing afterwards.
    /// Incremental decisions keep
    /// <see cref="SchedulingFramework.DefaultMaxFeasibleNodes"/>.
    /// </summary>
    public const int DefaultBulkMaxFeasibleNodes = 4;

    private readonly PoolPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger<FrameworkScheduler> _logger;
    private readonly PoolIndex _index = new();
    private readonly CapacityRequests _requests = new();
    private readonly MigrationLimits _limits = new();
    private readonly LoadSmoother _smoother;
    private readonly Rebalancer _rebalancer;
    private readonly Consolidator _consolidator;
    private readonly FailoverHandler _failover = new();
    private readonly EvacuationPlanner _evacuation = new();
    private readonly List<int> _work = [];
    private readonly List<int> _grow = [];
    private int[] _hotStandby = [];

    /// <summary>Creates the engine for <paramref name="policy"/>; plugins are enabled and weighted by policy.Plugins.</summary>
    public FrameworkScheduler(PoolPolicy policy, TimeProvider? timeProvider = null, ILogger<FrameworkScheduler>? logger = null)
        : this(policy, PluginRegistry.CreateDefault(), timeProvider, logger)
    {
    }

    /// <summary>Creates the engine with a custom plugin registry.</summary>
    public FrameworkScheduler(PoolPolicy policy, PluginRegistry registry, TimeProvider? timeProvider = null, ILogger<FrameworkScheduler>? logger = null, int maxFeasibleNodes = SchedulingFramework.DefaultMaxFeasibleNodes)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        ArgumentNullException.ThrowIfNull(registry);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<FrameworkScheduler>.Instance;
        Framework = registry.Build(new PluginContext(policy, _requests, _limits), maxFeasibleNodes);
        Placer = new CellPlacer(Framework, _index);
        _smoother = new LoadSmoother(policy.LoadSmoothing);
        _rebalancer = new Rebalancer(policy);
        _consolidator = new Consolidator(policy);
    }

    /// <inheritdoc />
    public string Name => "framework";

    /// <summary>The plugin framework.</summary>
    public SchedulingFramework Framework { get; }

    /// <summary>Runs cycles and counts their outcomes.</summary>
    public CellPlacer Placer { get; }

    /// <summary>The last rebalancing plan (each move with why, from, to and expected gain).</summary>
    public RebalancePlan LastPlan => _rebalancer.LastPlan;

    /// <summary>The last failover pass.</summary>
    public FailoverReport LastFailover => _failover.LastReport;

    /// <summary>The consolidator (forecast, need, capacity).</summary>
    public Consolidator Consolidator => _consolidator;

    /// <summary>Demand no node could take in the last step.</summary>
    public CapacityRequests Requests => _requests;

    /// <summary>Candidates scored per cell by the initial full placement (<see cref="PlaceAll"/>); see <see cref="DefaultBulkMaxFeasibleNodes"/>.</summary>
    public int BulkMaxFeasibleNodes { get; set; } = DefaultBulkMaxFeasibleNodes;

    /// <summary>Wall time of the last <see cref="Schedule"/> call.</summary>
    public TimeSpan LastStepElapsed { get; private set; }

    /// <inheritdoc />
    public void Schedule(PoolState pool, in SchedulingContext context)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var started = _time.GetTimestamp();
        Prepare(pool, context.StepSeconds);
        _smoother.Update(pool);
        _failover.Run(Placer, context.LostCells, context.Now);
        var demand = ResizeInPlace(pool, context.Now, context.RebalanceDue);
        PlaceUnplaced(pool, context.Now);
        EnsureStandbys(pool);
        if (context.RebalanceDue)
        {
            var plan = _rebalancer.Run(Placer, context.Now);
            if (plan.Moves.Count > 0 || plan.Unrelieved.Count > 0)
            {
                LogRebalance(_logger, context.Now, plan.Moves.Count, plan.Bytes, plan.Unrelieved.Count);
            }
        }

        _consolidator.Run(Placer, context.Now, context.StepSeconds, context.RebalanceDue, demand, _requests);
        Evacuate(pool, context.Now);
        LastStepElapsed = _time.GetElapsedTime(started);
    }

    /// <summary>Places every unplaced cell (the initial full placement) and returns how many are placed.</summary>
    public int PlaceAll(PoolState pool, double stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Prepare(pool, stepSeconds);
        // Bulk placement packs each node up to its usable cores (best fit, no safe-load pass): the
        // rebalancer restores the safe load afterwards, and a first pass at the safe load costs a
        // walk over every node that sits between the safe load and full.
        PlaceUnplaced(pool, 0, bulk: true);
        var placed = 0;
        for (var c = 0; c < pool.CellCount; c++)
        {
            placed += pool.NodeOf(c) >= 0 ? 1 : 0;
        }

        return placed;
    }

    /// <summary>
    /// Attaches to <paramref name="pool"/> (first call or a new pool), syncs the index and resets the
    /// per-step budgets. Public so benchmarks and tests can drive single decisions.
    /// </summary>
    public void Prepare(PoolState pool, double stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (!ReferenceEquals(_index.Pool, pool))
        {
            _index.Attach(pool);
            var hot = new List<int>();
            for (var c = 0; c < pool.CellCount; c++)
            {
                if (pool.Cell(c).HotStandby)
                {
                    hot.Add(c);
                }
            }

            _hotStandby = [.. hot];
        }
        else
        {
            _index.Sync();
        }

        _limits.BeginStep(pool.NodeCount, stepSeconds);
        _requests.Clear();
    }
}
