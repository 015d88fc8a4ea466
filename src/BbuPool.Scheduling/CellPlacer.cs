using BbuPool.Core.Pool;
using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling;

/// <summary>
/// Runs framework cycles for the engine's passes (placement, failover, relief, rebalancing,
/// evacuation, replicas) over one reused <see cref="CycleState"/>, and counts outcomes by status code.
/// </summary>
public sealed class CellPlacer
{
    private readonly long[] _outcomes = new long[Enum.GetValues<StatusCode>().Length];

    /// <summary>Creates a placer.</summary>
    public CellPlacer(SchedulingFramework framework, PoolIndex index)
    {
        Framework = framework ?? throw new ArgumentNullException(nameof(framework));
        Index = index ?? throw new ArgumentNullException(nameof(index));
        State = new CycleState(index);
    }

    /// <summary>The framework.</summary>
    public SchedulingFramework Framework { get; }

    /// <summary>The pool index.</summary>
    public PoolIndex Index { get; }

    /// <summary>The reused cycle state.</summary>
    public CycleState State { get; }

    /// <summary>The pool.</summary>
    public PoolState Pool => Index.Pool!;

    /// <summary>Cycles ended with each status code so far (index = (int)StatusCode).</summary>
    public ReadOnlySpan<long> Outcomes => _outcomes;

    /// <summary>The last cycle's result.</summary>
    public ScheduleResult Last { get; private set; }

    /// <summary>Places an unplaced cell (scoring at most <paramref name="maxFeasibleNodes"/> candidates when above 0).</summary>
    public ScheduleResult Place(int cell, string reason, double maxUtilisationAfter = 1, int maxFeasibleNodes = 0)
    {
        State.Begin(cell, CycleKind.Place, -1, reason);
        State.MaxFeasibleNodes = maxFeasibleNodes;
        State.MaxUtilisationAfter = maxUtilisationAfter;
        State.RequestCapacity = maxUtilisationAfter >= 1;
        return Run(bind: true);
    }

    /// <summary>Re-places a cell whose node failed.</summary>
    public ScheduleResult Failover(int cell, int lostNode, string reason)
    {
        State.Begin(cell, CycleKind.Failover, lostNode, reason);
        return Run(bind: true);
    }

    /// <summary>Live-migrates a placed cell off its node.</summary>
    public ScheduleResult Move(int cell, string reason, NodeOrder order = NodeOrder.BestFit, double maxUtilisationAfter = 1, int onlyNode = -1, bool requestCapacity = false)
    {
        BeginMove(cell, reason, order, maxUtilisationAfter);
        State.OnlyNode = onlyNode;
        State.RequestCapacity = requestCapacity;
        return Run(bind: true);
    }

    /// <summary>Chooses where a move would go, changing nothing (plans and the incremental benchmark).</summary>
    public ScheduleResult SelectMove(int cell, NodeOrder order = NodeOrder.BestFit, double maxUtilisationAfter = 1)
    {
        BeginMove(cell, string.Empty, order, maxUtilisationAfter);
        return Run(bind: false);
    }

    /// <summary>Chooses where an unplaced cell would go, changing nothing.</summary>
    public ScheduleResult SelectPlace(int cell)
    {
        State.Begin(cell, CycleKind.Place, -1, string.Empty);
        return Run(bind: false);
    }

    /// <summary>Places or moves the cell's hot-standby replica (never on the primary's node nor on <paramref name="exclude"/>).</summary>
    public ScheduleResult Standby(int cell, string reason, int exclude = -1)
    {
        State.Begin(cell, CycleKind.Standby, -1, reason);
        State.ExcludeB = Pool.NodeOf(cell);
        State.ExcludeA = exclude;
        var previous = Pool.StandbyNodeOf(cell);
        var result = Run(bind: true);
        if (previous >= 0)
        {
            Index.Update(previous);
        }

        return result;
    }

    /// <summary>Resizes a cell in place and keeps the index in step.</summary>
    public bool Resize(int cell, int cores, string reason)
    {
        var node = Pool.NodeOf(cell);
        if (!Pool.TryResize(cell, cores, reason))
        {
            return false;
        }

        Index.Update(node);
        return true;
    }

    private void BeginMove(int cell, string reason, NodeOrder order, double maxUtilisationAfter)
    {
        State.Begin(cell, CycleKind.Move, Pool.NodeOf(cell), reason);
        State.Order = order;
        State.MaxUtilisationAfter = maxUtilisationAfter;
    }

    private ScheduleResult Run(bool bind)
    {
        var result = bind ? Framework.Schedule(State) : Framework.Select(State);
        _outcomes[(int)(result.IsSuccess ? StatusCode.Success : result.Status.Code)]++;
        Last = result;
        return result;
    }
}
