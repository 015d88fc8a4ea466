using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Rebalancing;

namespace BbuPool.Scheduling;

public sealed partial class FrameworkScheduler
{
    private const string LoadGrew = "load grew";
    private const string LoadFell = "load fell";
    private const string Unplaced = "unplaced: initial placement";

    /// <summary>
    /// Grows every stack whose demand grew (in its NUMA domain, or re-pinned on the same node); on
    /// rebalance passes shrinks stacks to their smoothed need (hysteresis: shrink follows the EWMA,
    /// growth the raw sample). Stacks that cannot grow in place are relieved by a move. Returns the
    /// pool's demand in reference cores (what the simulator's lower bound counts).
    /// </summary>
    private double ResizeInPlace(PoolState pool, double now, bool shrink)
    {
        _grow.Clear();
        var demand = 0.0;
        for (var c = 0; c < pool.CellCount; c++)
        {
            demand += pool.Demand(c).Cores;
            var node = pool.NodeOf(c);
            if (node < 0)
            {
                continue;
            }

            var need = pool.CoresNeeded(c, node);
            var have = pool.CoresOf(c).Length;
            if (need > have)
            {
                if (!Placer.Resize(c, need, LoadGrew))
                {
                    _grow.Add(c);
                }
            }
            else if (shrink && need < have)
            {
                var target = Math.Max(need, _smoother.Cores(pool, c, node));
                if (target < have)
                {
                    Placer.Resize(c, target, LoadFell);
                }
            }
        }

        if (_grow.Count > 0)
        {
            CellOrder.ByPriorityThenSize(pool, _grow);
            foreach (var c in _grow)
            {
                Relieve(pool, c, now);
            }
        }

        return demand;
    }

    /// <summary>
    /// A stack needs more cores than its node can give in place. Move it (to a node that stays under
    /// the safe load if one exists, else anywhere it fits), or move the cheapest other movable stack
    /// away and grow in place, or open a domain by moving a few small stacks (<see cref="MakeRoomFor"/>;
    /// metro-large at 18:09 woke a node the bound did not need); only when none works does it ask for a node to be woken (a wake
    /// asked for before trying the neighbour powered a node the pool did not need: tidal-day at
    /// 18:24 had 24 reference cores free, split over NUMA domains). Otherwise it stays short (logged)
    /// until its cooldown ends.
    /// </summary>
    private void Relieve(PoolState pool, int cell, double now)
    {
        var node = pool.NodeOf(cell);
        var need = pool.CoresNeeded(cell, node);
        var high = _policy.Consolidation.HighUtilisation;
        var movable = Rebalancer.OutOfCooldown(pool, cell, now);
        if (movable)
        {
            var reason = $"load grew: {pool.Node(node).Id} cannot give {pool.Cell(cell).Id} {need} cores in one NUMA domain";
            if (Placer.Move(cell, reason, NodeOrder.BestFit, high).IsSuccess || Placer.Move(cell, reason).IsSuccess)
            {
                return;
            }
        }

        if (MakeRoom(pool, cell, node, need, now))
        {
            return;
        }

        // Room split over domains: open one by moving a few small stacks, here or elsewhere.
        var opened = MakeRoomFor(pool, cell, now);
        if (opened == node ? Placer.Resize(cell, need, LoadGrew) :
            opened >= 0 && Placer.Move(cell, $"load grew: room made on {pool.Node(opened).Id} for {pool.Cell(cell).Id} ({pool.CoresNeeded(cell, opened)} cores)").IsSuccess)
        {
            return;
        }

        if (movable && Placer.Move(cell, $"load grew: no node can give {pool.Cell(cell).Id} {need} cores", requestCapacity: true).IsSuccess)
        {
            return;
        }

        LogSqueezed(_logger, pool.Cell(cell).Id, pool.Node(node).Id, need, pool.CoresOf(cell).Length);
    }

    /// <summary>Moves the cheapest other movable stack off <paramref name="node"/> and grows <paramref name="cell"/> in place.</summary>
    private bool MakeRoom(PoolState pool, int cell, int node, int need, double now)
    {
        var high = _policy.Consolidation.HighUtilisation;
        var set = pool.CoresOfNode(node);
        var have = pool.CoresOf(cell).Length;
        var home = have > 0 ? set.NumaOf(pool.CoresOf(cell)[0]) : -1;
        var best = -1;
        foreach (var other in pool.CellsOn(node))
        {
            if (other == cell || !Rebalancer.OutOfCooldown(pool, other, now))
            {
                continue;
            }

            // Only a stack whose cores, once freed, leave a NUMA domain that can hold the grown stack
            // (its own domain counts the cores it already has): any other move is a wasted migration.
            var domain = set.NumaOf(pool.CoresOf(other)[0]);
            if (set.FreeInNuma(domain) + pool.CoresOf(other).Length + (domain == home ? have : 0) < need)
            {
                continue;
            }

            if (best < 0 || pool.Demand(other).StateBytes < pool.Demand(best).StateBytes)
            {
                best = other;
            }
        }

        if (best < 0)
        {
            return false;
        }

        var reason = $"load grew: making room on {pool.Node(node).Id} for {pool.Cell(cell).Id} ({need} cores)";
        return (Placer.Move(best, reason, NodeOrder.BestFit, high).IsSuccess || Placer.Move(best, reason).IsSuccess) &&
            Placer.Resize(cell, need, LoadGrew);
    }

    /// <summary>
    /// Places unplaced cells, highest priority and biggest first (failover cells as Failover cycles).
    /// A cell that finds no node has neighbours moved to make room for it (<see cref="MakeRoomFor"/>).
    /// </summary>
    private void PlaceUnplaced(PoolState pool, double now, bool bulk = false)
    {
        _work.Clear();
        for (var c = 0; c < pool.CellCount; c++)
        {
            if (pool.NodeOf(c) < 0)
            {
                _work.Add(c);
            }
        }

        if (_work.Count == 0)
        {
            return;
        }

        CellOrder.ByPriorityThenSize(pool, _work);
        foreach (var c in _work)
        {
            var lost = _failover.LostNodeOf(c);
            var result = lost != -1
                ? Placer.Failover(c, Math.Max(-1, lost), "failover: re-placed when capacity came")
                : bulk ? Placer.Place(c, Unplaced, maxFeasibleNodes: BulkMaxFeasibleNodes) : Place(c);
            if (!result.IsSuccess && !bulk && MakeRoomFor(pool, c, now) >= 0)
            {
                result = lost != -1
                    ? Placer.Failover(c, Math.Max(-1, lost), "failover: re-placed after making room")
                    : Placer.Place(c, Unplaced);
            }

            if (!result.IsSuccess)
            {
                LogUnschedulable(_logger, pool.Cell(c).Id, result.Status.Plugin, result.Status.Reason);
            }
        }
    }

    /// <summary>Places a cell under the safe load if any node can, else anywhere it fits (asking for capacity).</summary>
    private ScheduleResult Place(int cell)
    {
        var result = Placer.Place(cell, Unplaced, _policy.Consolidation.HighUtilisation);
        return result.IsSuccess ? result : Placer.Place(cell, Unplaced);
    }

    /// <summary>Keeps a hot-standby replica, with as many cores as the primary, on another Up node for every cell that asks for one.</summary>
    private void EnsureStandbys(PoolState pool)
    {
        foreach (var c in _hotStandby)
        {
            var primary = pool.NodeOf(c);
            if (primary < 0)
            {
                continue;
            }

            var standby = pool.StandbyNodeOf(c);
            if (standby >= 0 && pool.StandbyCoresOf(c).Length >= pool.CoresOf(c).Length && pool.StateOf(standby) == NodeState.Up)
            {
                continue;
            }

            Placer.Standby(c, $"hot standby for {pool.Cell(c).Id} (primary on {pool.Node(primary).Id})", standby >= 0 && pool.StateOf(standby) != NodeState.Up ? standby : -1);
        }
    }

    /// <summary>
    /// Moves stacks and replicas off draining nodes in the evacuation planner's order, within the
    /// per-link budget and the cells' cooldowns, and powers each node off once it is empty.
    /// </summary>
    private void Evacuate(PoolState pool, double now)
    {
        var high = _policy.Consolidation.HighUtilisation;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) != NodeState.Draining)
            {
                continue;
            }

            var why = pool.InMaintenance(n) ? "maintenance" : "consolidation";
            var maxUtil = pool.InMaintenance(n) ? 1 : high;
            _work.Clear();
            _work.AddRange(_evacuation.Order(pool, n));
            foreach (var c in _work)
            {
                if (!Rebalancer.OutOfCooldown(pool, c, now))
                {
                    continue;
                }

                var reason = $"drain {pool.Node(n).Id} ({why}): evacuate {pool.Cell(c).Id}";
                if (!Placer.Move(c, reason, NodeOrder.BestFit, maxUtil).IsSuccess && maxUtil < 1)
                {
                    Placer.Move(c, reason);
                }
            }

            foreach (var c in _hotStandby)
            {
                if (pool.StandbyNodeOf(c) == n)
                {
                    Placer.Standby(c, $"drain {pool.Node(n).Id}: move the replica of {pool.Cell(c).Id}", n);
                }
            }

            if (pool.CellsOn(n).Count == 0 && pool.PowerOff(n))
            {
                _index.Update(n);
                LogPoweredOff(_logger, pool.Node(n).Id);
            }
        }
    }
}
