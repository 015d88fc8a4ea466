using BbuPool.Core.Cost;
using BbuPool.Core.Migration;
using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.Core.Scheduling;
using BbuPool.Core.Traffic;
using BbuPool.Scenarios;

namespace BbuPool.Simulation;

/// <summary>The mutable state and accumulators of one simulation run.</summary>
internal sealed partial class RunState
{
    private readonly Scenario _scenario;
    private readonly SimulationSettings _settings;
    private readonly IMigrationCostModel _migrationModel;
    private readonly ProcessingCostModel _costModel;
    private readonly ITrafficSource _traffic;
    private readonly LoadSample[] _loads;
    private readonly double[] _lastMove;
    private readonly int[] _peakCores;
    private readonly double[] _peakMemory;
    private readonly double[] _peakNic;
    private readonly LowerBound _lowerBound = new();
    private readonly List<int> _lost = [];
    private readonly List<double> _downtimesUs = [];
    private readonly Dictionary<string, int> _migrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _violationsByRule = new(StringComparer.Ordinal);
    private readonly List<ConstraintViolation> _violationScratch = [];
    private readonly List<StepSnapshot> _timeline = [];
    private readonly List<PricedMove> _moves = [];
    private readonly List<(double At, Action Apply)> _expiries = [];
    private readonly int _timelineEvery;
    private readonly double _settleSeconds;
    private double[] _nodeBusy = [];
    private int _nextEvent;
    private double _nextRebalance;
    private double _settleUntil;
    private double _serverHours;
    private double _lowerBoundHours;
    private double _energyKwh;
    private double _busyReferenceCoreHours;
    private double _missedTtis;
    private double _totalTtis;
    private int _violations;
    private int _maxOver;
    private int _maxOverDemand;
    private int _withinCooldown;
    private int _failovers;
    private long _unplacedCellSteps;
    private int _peakPowered;
    private bool _boundDirty = true;

    public RunState(Scenario scenario, SimulationSettings settings, IMigrationCostModel migrationModel)
    {
        _scenario = scenario;
        _settings = settings;
        _migrationModel = migrationModel;
        Seed = settings.Seed ?? scenario.Seed;
        _costModel = new ProcessingCostModel(scenario.CostModel);
        Pool = new PoolState(scenario.Nodes, scenario.Cells, scenario.Stacks, scenario.Policy, _costModel);
        foreach (var id in scenario.InitiallyPowered)
        {
            var index = Pool.NodeIndex(id);
            if (index >= 0)
            {
                Pool.BringUp(index);
            }
        }

        _traffic = scenario.CreateTraffic(Seed);
        _loads = new LoadSample[scenario.Cells.Count];
        _lastMove = new double[scenario.Cells.Count];
        Array.Fill(_lastMove, double.NegativeInfinity);
        _peakCores = new int[scenario.Cells.Count];
        _peakMemory = new double[scenario.Cells.Count];
        _peakNic = new double[scenario.Cells.Count];
        Steps = (int)Math.Ceiling((scenario.DurationSeconds / scenario.StepSeconds) - 1e-9);
        _timelineEvery = Math.Max(1, (int)Math.Ceiling(Steps / (double)settings.TimelinePoints));
        var maxBoot = scenario.Nodes.Count == 0 ? 0 : scenario.Nodes.Max(n => n.BootSeconds);
        // After the start or an event that changes capacity, the scheduler needs a consolidation
        // window, two rebalance periods and a boot to settle; lower-bound+1 is not judged meanwhile.
        _settleSeconds = maxBoot + scenario.Policy.Consolidation.WindowSeconds + (2 * scenario.Policy.RebalancePeriodSeconds);
        _settleUntil = _settleSeconds;
    }

    public PoolState Pool { get; }

    public ulong Seed { get; }

    public int Steps { get; }

    /// <summary>This step's priced migrations (reused between steps).</summary>
    public IReadOnlyList<PricedMove> Moves => _moves;

    public StepSnapshot Step(int index, IPoolScheduler scheduler)
    {
        var dt = _scenario.StepSeconds;
        var now = index * dt;
        Pool.Now = now;
        Pool.ClearJournal();
        Pool.AdvanceBoots();
        _lost.Clear();
        ApplyEvents(now);

        var (demandCores, demandMemory, demandNic) = UpdateDemand(now);
        Pool.RefreshResourceUse();

        var rebalance = now >= _nextRebalance - 1e-9;
        if (rebalance)
        {
            _nextRebalance = now + _scenario.Policy.RebalancePeriodSeconds;
        }

        scheduler.Schedule(Pool, new SchedulingContext(now, dt, rebalance, _lost));

        var migrations = PriceJournal(now);
        var (missed, powered, watts) = MeasureStep(dt);

        if (_boundDirty)
        {
            _lowerBound.Refresh(Pool);
            _boundDirty = false;
        }

        // Two bounds: the demand's (physical, k = 0: the server-hours floor) and the policy's N+k
        // one (what a scheduler that keeps k spare nodes can reach; max_nodes_over_lower_bound).
        var bound = _lowerBound.Nodes(demandCores, demandMemory, demandNic);
        var spare = _scenario.Policy.Consolidation.SpareNodes;
        var policyBound = spare > 0 ? _lowerBound.Nodes(demandCores, demandMemory, demandNic, spare) : bound;
        var hours = dt / 3600;
        _serverHours += powered * hours;
        _lowerBoundHours += bound * hours;
        _energyKwh += watts * hours / 1000;
        _peakPowered = Math.Max(_peakPowered, powered);
        if (now >= _settleUntil)
        {
            _maxOver = Math.Max(_maxOver, powered - policyBound);
            _maxOverDemand = Math.Max(_maxOverDemand, powered - bound);
        }

        CheckConstraints();
        var snapshot = new StepSnapshot(index, now, powered, bound, demandCores, watts, missed, migrations);
        if (index % _timelineEvery == 0)
        {
            _timeline.Add(snapshot);
        }

        return snapshot;
    }

    private (double Cores, double Memory, double Nic) UpdateDemand(double now)
    {
        _traffic.Sample(now, _loads);
        var headroom = _scenario.Policy.Headroom;
        double cores = 0, memory = 0, nic = 0;
        for (var c = 0; c < _loads.Length; c++)
        {
            var demand = _costModel.Demand(Pool.Cell(c), Pool.StackOf(c), in _loads[c], headroom);
            Pool.SetLoad(c, in _loads[c], demand);
            cores += demand.Cores;
            memory += demand.MemoryGiB;
            nic += demand.NicGbps;
            if (demand.Cores > _peakCores[c])
            {
                _peakCores[c] = demand.Cores;
            }

            _peakMemory[c] = Math.Max(_peakMemory[c], demand.MemoryGiB);
            _peakNic[c] = Math.Max(_peakNic[c], demand.NicGbps);
        }

        return (cores, memory, nic);
    }

    private int PriceJournal(double now)
    {
        var moves = 0;
        _moves.Clear();
        var policy = _scenario.Policy;
        var linkBytes = _settings.MigrationLinkGbps * 1e9 / 8;
        foreach (var change in Pool.Journal)
        {
            var c = change.Cell;
            switch (change.Kind)
            {
                case PlacementChangeKind.Move:
                    ref readonly var d = ref Pool.Demand(c);
                    var stack = Pool.StackOf(c);
                    var request = new MigrationRequest(
                        d.StateBytes,
                        d.DirtyBytesPerSecond,
                        linkBytes,
                        Pool.TtiOf(c),
                        stack.Stateful ? policy.MigrationMethod : MigrationMethod.Stateless,
                        policy.DowntimeBudgetMs / 1000,
                        stack.Stateful)
                    {
                        // The share of its cores' TTI the stack computes on the node it moves to
                        // (0, a stack with no compute, reads as unknown: the calibrated figures).
                        TtiBusyFraction = d.MicrosPerTti * Pool.NodeFactor(change.ToNode) / (Pool.TtiOf(c) * 1e6 * Math.Max(1, change.Cores)),
                    };
                    var estimate = _migrationModel.Estimate(request);
                    var name = MethodName(estimate.Method);
                    _migrations[name] = _migrations.GetValueOrDefault(name) + 1;
                    _downtimesUs.Add(estimate.DowntimeSeconds * 1e6);
                    _missedTtis += estimate.MissedTtis;
                    if (now - _lastMove[c] < policy.CooldownSeconds - 1e-9)
                    {
                        _withinCooldown++;
                    }

                    _lastMove[c] = now;
                    _moves.Add(new PricedMove(c, change.FromNode, change.ToNode, estimate, change.Reason));
                    moves++;
                    break;
                case PlacementChangeKind.Failover:
                    _failovers++;
                    // The cell was dark from the failure until detection and restart.
                    _missedTtis += Math.Ceiling(_settings.FailureDetectionSeconds / Pool.TtiOf(c));
                    _lastMove[c] = now;
                    break;
            }
        }

        return moves;
    }

    private (double Missed, int Powered, double Watts) MeasureStep(double dt)
    {
        if (_nodeBusy.Length < Pool.NodeCount)
        {
            _nodeBusy = new double[Pool.NodeCount];
        }

        Array.Clear(_nodeBusy, 0, Pool.NodeCount);
        double missed = 0;
        double busyReference = 0;
        for (var c = 0; c < Pool.CellCount; c++)
        {
            var tti = Pool.TtiOf(c);
            var ttis = dt / tti;
            _totalTtis += ttis;
            var referenceBusy = Pool.Demand(c).MicrosPerTti / (tti * 1e6);
            busyReference += referenceBusy;
            var node = Pool.NodeOf(c);
            if (node < 0)
            {
                missed += ttis;
                _unplacedCellSteps++;
                continue;
            }

            var busy = referenceBusy * Pool.NodeFactor(node);
            var allocated = Pool.CoresOf(c).Length;
            if (busy > allocated)
            {
                // The stack falls behind: it completes allocated/busy of its TTIs in time.
                missed += ttis * (1 - (allocated / busy));
                busy = allocated;
            }

            _nodeBusy[node] += busy;
        }

        var powered = 0;
        double watts = 0;
        for (var n = 0; n < Pool.NodeCount; n++)
        {
            if (!Pool.IsPowered(n))
            {
                continue;
            }

            powered++;
            var spec = Pool.Node(n);
            watts += spec.IdleWatts + ((spec.PeakWatts - spec.IdleWatts) * Math.Min(1, _nodeBusy[n] / spec.Cores));
        }

        _missedTtis += missed;
        _busyReferenceCoreHours += busyReference * dt / 3600;
        return (missed, powered, watts);
    }

    private void CheckConstraints()
    {
        _violationScratch.Clear();
        var found = ConstraintChecker.Check(Pool, _violationScratch);
        if (found == 0)
        {
            return;
        }

        _violations += found;
        foreach (var v in _violationScratch)
        {
            _violationsByRule[v.Constraint] = _violationsByRule.GetValueOrDefault(v.Constraint) + 1;
        }
    }

    internal static string MethodName(MigrationMethod method) => method switch
    {
        MigrationMethod.StopAndCopy => "stopandcopy",
        MigrationMethod.Precopy => "precopy",
        MigrationMethod.Postcopy => "postcopy",
        MigrationMethod.Hybrid => "hybrid",
        MigrationMethod.Redundancy => "redundancy",
        MigrationMethod.HotStandby => "hotstandby",
        MigrationMethod.Stateless => "stateless",
        _ => "auto",
    };
}
