using BbuPool.Core.Cost;
using BbuPool.Core.Pool;

namespace BbuPool.Scheduling.Framework;

/// <summary>
/// Everything one scheduling cycle knows about the cell being scheduled, shared by the plugins of
/// that cycle. One instance is reused for every cycle (reset by <see cref="Begin"/>), so a decision
/// allocates nothing; plugin-specific facts computed in PreFilter live in typed fields here.
/// </summary>
public sealed class CycleState
{
    private double _cachedFactor = double.NaN;
    private int _cachedCores;

    /// <summary>Creates the state over an index.</summary>
    public CycleState(PoolIndex index)
    {
        Index = index ?? throw new ArgumentNullException(nameof(index));
    }

    /// <summary>The pool index (buckets, sites, clusters).</summary>
    public PoolIndex Index { get; }

    /// <summary>The pool.</summary>
    public PoolState Pool => Index.Pool!;

    /// <summary>Cell index being scheduled.</summary>
    public int Cell { get; private set; }

    /// <summary>Which mutation Bind makes.</summary>
    public CycleKind Kind { get; private set; }

    /// <summary>The cell's node before this cycle (a move's source, a failover's lost node), or -1.</summary>
    public int FromNode { get; private set; }

    /// <summary>Why, written into the journal's PlacementChange.Reason.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>Order of the bucket walk.</summary>
    public NodeOrder Order { get; set; }

    /// <summary>Nodes never considered (the current node of a move, the replica's node), or -1.</summary>
    public int ExcludeA { get; set; } = -1;

    /// <summary>Second excluded node, or -1.</summary>
    public int ExcludeB { get; set; } = -1;

    /// <summary>Set by a PreFilter to restrict the candidates to one node, or -1.</summary>
    public int OnlyNode { get; set; } = -1;

    /// <summary>Largest share of a destination's usable cores in use after the bind (rebalancing keeps destinations below the safe load).</summary>
    public double MaxUtilisationAfter { get; set; } = 1;

    /// <summary>When no node fits, ask the consolidator for capacity (placements, failovers and stacks short of cores do; rebalancing probes and dry runs do not).</summary>
    public bool RequestCapacity { get; set; }

    /// <summary>Feasible nodes to collect before scoring in this cycle (0: the framework's <see cref="SchedulingFramework.MaxFeasibleNodes"/>).</summary>
    public int MaxFeasibleNodes { get; set; }

    /// <summary>Cores for the replica (Standby cycles) instead of the computed need, or 0.</summary>
    public int FixedCores { get; set; }

    /// <summary>The cell's demand this step.</summary>
    public CellDemand Demand { get; private set; }

    /// <summary>Node of the first placed CoMP partner (set by CompClusterAffinity's PreFilter), or -1.</summary>
    public int CompAnchor { get; set; } = -1;

    /// <summary>Memory the bind will book on the node (0 for replicas, which PoolState does not book).</summary>
    public double MemoryGiB => Kind == CycleKind.Standby ? 0 : Demand.MemoryGiB;

    /// <summary>NIC bandwidth the bind will book.</summary>
    public double NicGbps => Kind == CycleKind.Standby ? 0 : Demand.NicGbps;

    /// <summary>Cores the cell needs on <paramref name="node"/>: its demand with the policy's headroom at the node's speed.</summary>
    public int CoresOn(int node)
    {
        if (FixedCores > 0)
        {
            return FixedCores;
        }

        // Filters, scores and the binder all ask this for the same candidates; nodes come in a
        // few speeds, so one remembered (speed, cores) pair answers nearly every call.
        var factor = Pool.NodeFactor(node);
        if (factor != _cachedFactor)
        {
            _cachedFactor = factor;
            _cachedCores = Pool.CoresNeeded(Cell, node);
        }

        return _cachedCores;
    }

    /// <summary>Cores the cell needs on the fastest node: no bucket below this can fit it.</summary>
    public int MinCores { get; private set; }

    /// <summary>Resets the state for a new cycle.</summary>
    public void Begin(int cell, CycleKind kind, int fromNode, string reason)
    {
        var pool = Pool;
        Cell = cell;
        Kind = kind;
        FromNode = fromNode;
        Reason = reason;
        Order = NodeOrder.BestFit;
        ExcludeA = kind == CycleKind.Move ? fromNode : -1;
        ExcludeB = kind == CycleKind.Standby ? pool.NodeOf(cell) : pool.StandbyNodeOf(cell);
        OnlyNode = -1;
        MaxUtilisationAfter = 1;
        RequestCapacity = kind is CycleKind.Place or CycleKind.Failover;
        FixedCores = kind == CycleKind.Standby ? Math.Max(1, pool.CoresOf(cell).Length) : 0;
        Demand = pool.Demand(cell);
        CompAnchor = -1;
        MaxFeasibleNodes = 0;
        _cachedFactor = double.NaN;
        MinCores = FixedCores > 0
            ? FixedCores
            : ProcessingCostModel.CoresFor(Demand.MicrosPerTti, Index.MinNodeFactor, pool.TtiOf(cell), pool.Policy.Headroom);
    }
}
