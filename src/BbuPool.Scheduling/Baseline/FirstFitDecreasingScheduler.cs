using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.Core.Radio;
using BbuPool.Core.Scheduling;

namespace BbuPool.Scheduling.Baseline;

/// <summary>
/// The baseline: first-fit decreasing with headroom (FFD is within 11/9 OPT + 6/9 in one
/// dimension). It places unplaced cells biggest first on the first node that fits, grows or
/// shrinks cores in place, moves a cell only when its node cannot grow it, evacuates draining
/// nodes, wakes nodes when demand outgrows the powered pool and, on rebalance, empties nodes that
/// stayed lightly loaded for the policy's window. It exists to compare the real engine against.
/// </summary>
public sealed class FirstFitDecreasingScheduler : IPoolScheduler
{
    private readonly List<int> _work = [];
    private double[] _lowSince = [];

    /// <inheritdoc />
    public string Name => "ffd-baseline";

    /// <inheritdoc />
    public void Schedule(PoolState pool, in SchedulingContext context)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (_lowSince.Length < pool.NodeCount)
        {
            var old = _lowSince.Length;
            Array.Resize(ref _lowSince, pool.NodeCount);
            Array.Fill(_lowSince, double.NaN, old, pool.NodeCount - old);
        }

        ResizeInPlace(pool, context.RebalanceDue);
        Failover(pool, context.LostCells);
        PlaceUnplaced(pool);
        EvacuateDraining(pool);
        WakeIfShort(pool);
        if (context.RebalanceDue && pool.Policy.Consolidation.Enabled)
        {
            Consolidate(pool, context.Now);
        }
    }

    /// <summary>True when <paramref name="cell"/> may run on <paramref name="node"/> (arch, state, fronthaul, CoMP).</summary>
    internal static bool Feasible(PoolState pool, int cell, int node)
    {
        if (pool.StateOf(node) != NodeState.Up || !pool.StackOf(cell).Supports(pool.Node(node).Arch))
        {
            return false;
        }

        if (pool.FronthaulLatencyMicros(cell) > RadioTables.FronthaulBudgetMicros(pool.Cell(cell).Rat))
        {
            return false;
        }

        var cluster = pool.ClusterOf(cell);
        if (cluster >= 0)
        {
            for (var o = 0; o < pool.CellCount; o++)
            {
                var other = pool.NodeOf(o);
                if (o != cell && other >= 0 && pool.ClusterOf(o) == cluster &&
                    ConstraintChecker.InterNodeMicros(pool, node, other) > pool.Policy.CompMaxInterNodeMicros)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool TryPlaceFirstFit(PoolState pool, int cell, int exclude, string reason)
    {
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (n != exclude && Feasible(pool, cell, n) && pool.TryPlace(cell, n, pool.CoresNeeded(cell, n), reason))
            {
                return true;
            }
        }

        return false;
    }

    private void ResizeInPlace(PoolState pool, bool shrink)
    {
        _work.Clear();
        for (var c = 0; c < pool.CellCount; c++)
        {
            var node = pool.NodeOf(c);
            if (node < 0)
            {
                continue;
            }

            var need = pool.CoresNeeded(c, node);
            var have = pool.CoresOf(c).Length;
            if (need > have && !pool.TryResize(c, need, "load grew"))
            {
                _work.Add(c);
            }
            else if (shrink && need < have)
            {
                pool.TryResize(c, need, "load fell");
            }
        }

        CellOrder.ByPriorityThenSize(pool, _work);
        foreach (var c in _work)
        {
            TryPlaceFirstFit(pool, c, pool.NodeOf(c), "node cannot grow the stack in place");
        }
    }

    private void Failover(PoolState pool, IReadOnlyList<int> lost)
    {
        _work.Clear();
        _work.AddRange(lost);
        CellOrder.ByPriorityThenSize(pool, _work);
        foreach (var c in _work)
        {
            var from = pool.Journal.LastOrDefault(j => j.Cell == c && j.Kind == PlacementChangeKind.Unplace).FromNode;
            if (pool.TryPromoteStandby(c, from, "node failed: hot standby promoted"))
            {
                continue;
            }

            for (var n = 0; n < pool.NodeCount; n++)
            {
                if (Feasible(pool, c, n) && pool.TryFailover(c, from, n, pool.CoresNeeded(c, n), "node failed"))
                {
                    break;
                }
            }
        }
    }

    private void PlaceUnplaced(PoolState pool)
    {
        _work.Clear();
        for (var c = 0; c < pool.CellCount; c++)
        {
            if (pool.NodeOf(c) < 0)
            {
                _work.Add(c);
            }
        }

        CellOrder.ByPriorityThenSize(pool, _work);
        foreach (var c in _work)
        {
            TryPlaceFirstFit(pool, c, -1, "unplaced");
        }
    }

    private void EvacuateDraining(PoolState pool)
    {
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) != NodeState.Draining)
            {
                continue;
            }

            _work.Clear();
            _work.AddRange(pool.CellsOn(n));
            CellOrder.ByPriorityThenSize(pool, _work);
            foreach (var c in _work)
            {
                TryPlaceFirstFit(pool, c, n, "node draining");
            }

            pool.PowerOff(n);
        }
    }

    private static void WakeIfShort(PoolState pool)
    {
        // Demand not served (unplaced or squeezed cells) plus the policy's spare nodes decides
        // how many nodes should be powered; booting nodes count as coming.
        var shortCores = 0;
        for (var c = 0; c < pool.CellCount; c++)
        {
            var node = pool.NodeOf(c);
            shortCores += node < 0 ? pool.Demand(c).Cores : Math.Max(0, pool.CoresNeeded(c, node) - pool.CoresOf(c).Length);
        }

        var spareNeeded = pool.Policy.Consolidation.SpareNodes;
        for (var n = 0; n < pool.NodeCount && (shortCores > 0 || spareNeeded > 0); n++)
        {
            if (pool.StateOf(n) == NodeState.Booting || (pool.StateOf(n) == NodeState.Up && pool.CellsOn(n).Count == 0))
            {
                spareNeeded--;
                shortCores -= pool.Node(n).UsableCores;
            }
        }

        for (var n = 0; n < pool.NodeCount && (shortCores > 0 || spareNeeded > 0); n++)
        {
            if (pool.PowerOn(n))
            {
                shortCores -= pool.Node(n).UsableCores;
                spareNeeded--;
            }
        }
    }

    private void Consolidate(PoolState pool, double now)
    {
        var policy = pool.Policy.Consolidation;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) != NodeState.Up)
            {
                _lowSince[n] = double.NaN;
                continue;
            }

            var utilisation = pool.UsedCores(n) / (double)pool.Node(n).UsableCores;
            if (utilisation >= policy.LowUtilisation)
            {
                _lowSince[n] = double.NaN;
                continue;
            }

            if (double.IsNaN(_lowSince[n]))
            {
                _lowSince[n] = now;
            }

            if (now - _lowSince[n] < policy.WindowSeconds || PoweredSpare(pool, n) < policy.SpareNodes)
            {
                continue;
            }

            if (pool.CellsOn(n).Count == 0)
            {
                pool.PowerOff(n);
                continue;
            }

            if (FitsElsewhere(pool, n))
            {
                pool.StartDrain(n);
            }
        }
    }

    private static int PoweredSpare(PoolState pool, int except)
    {
        var empty = 0;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (n != except && pool.StateOf(n) is NodeState.Up or NodeState.Booting && pool.CellsOn(n).Count == 0)
            {
                empty++;
            }
        }

        return empty;
    }

    private static bool FitsElsewhere(PoolState pool, int node)
    {
        // Core-count check against other up nodes' free cores, at the safe load: a dry run that
        // ignores NUMA fragmentation; the evacuation itself places for real and leaves what does not fit.
        var free = 0;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (n != node && pool.StateOf(n) == NodeState.Up)
            {
                free += pool.FreeCores(n) - (int)(pool.Node(n).UsableCores * (1 - pool.Policy.Consolidation.HighUtilisation));
            }
        }

        var need = 0;
        foreach (var c in pool.CellsOn(node))
        {
            need += pool.CoresOf(c).Length;
        }

        return need <= free;
    }
}
