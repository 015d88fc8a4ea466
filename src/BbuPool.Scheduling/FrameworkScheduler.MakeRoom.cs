using BbuPool.Core.Model;
using BbuPool.Core.Pool;
using BbuPool.Core.Radio;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Rebalancing;

namespace BbuPool.Scheduling;

public sealed partial class FrameworkScheduler
{
    /// <summary>Most stacks moved to open one NUMA domain for one unplaced cell (metro-large needs 2: a 3-core and a 1-core stack for a 5-core NR stack).</summary>
    public const int MaxMovesToMakeRoom = 3;

    private readonly List<int> _roomCandidates = [];
    private readonly List<int> _roomPlan = [];
    private readonly List<int> _roomBest = [];
    private int[] _freeDomains = [];
    private int[] _freeScratch = [];
    private int _freeWidth;

    /// <summary>
    /// A cell found no NUMA domain with room although the pool has the cores, split over domains:
    /// metro-large after x86-17 failed at 13:30 had 86 to 114 free cores on 50 nodes, at most 2 to 3
    /// in one domain, and up to five 5-core NR stacks stayed dark for the 150 s a woken node takes to
    /// boot; at 18:09 a stack that could not grow woke a node the bound did not need. Opens one domain
    /// by moving at most <see cref="MaxMovesToMakeRoom"/> movable stacks (out of their cooldown, link
    /// within budget) out of it: for an unplaced cell any domain of a node of an arch its stack
    /// supports with the memory for it; for a placed one its own domain (it then grows in place) or,
    /// when it may move, a domain elsewhere. The plan with the fewest moves, then the fewest bytes,
    /// wins, and each moved stack must fit a free domain elsewhere (first fit on a histogram of free
    /// domains per arch) before anything moves. Returns the node whose domain was opened, or -1 when
    /// no plan exists or a planned move failed. Runs only for cells that found no room, never in the
    /// steady state.
    /// </summary>
    private int MakeRoomFor(PoolState pool, int cell, double now)
    {
        BuildFreeDomains(pool);
        var stack = pool.StackOf(cell);
        var memory = pool.Demand(cell).MemoryGiB;
        var at = pool.NodeOf(cell);
        var mayMove = at < 0 || Rebalancer.OutOfCooldown(pool, cell, now);
        var bestNode = -1;
        var bestBytes = long.MaxValue;
        _roomBest.Clear();
        for (var m = 0; m < pool.NodeCount; m++)
        {
            var spec = pool.Node(m);
            if (pool.StateOf(m) != NodeState.Up || !stack.Supports(spec.Arch) || m == pool.StandbyNodeOf(cell) ||
                (m != at && (!mayMove || pool.MemoryUsed(m) + memory > spec.MemoryGiB)))
            {
                continue;
            }

            var need = pool.CoresNeeded(cell, m);
            var set = pool.CoresOfNode(m);
            var home = m == at ? set.NumaOf(pool.CoresOf(cell)[0]) : -1;
            var roomy = false;
            for (var d = 0; d < spec.NumaNodes && !roomy && m != at; d++)
            {
                roomy = set.FreeInNuma(d) >= need;
            }

            if (roomy)
            {
                // Cores were not what kept the cell off this node (CoMP, spread, NIC): a move would not help.
                continue;
            }

            CountFreeDomains(pool, m, -1);
            for (var d = 0; d < spec.NumaNodes; d++)
            {
                if ((home < 0 || d == home) &&
                    PlanDomain(pool, m, d, need - (d == home ? pool.CoresOf(cell).Length : 0), cell, now, out var bytes) &&
                    (bestNode < 0 || _roomPlan.Count < _roomBest.Count || (_roomPlan.Count == _roomBest.Count && bytes < bestBytes)))
                {
                    bestNode = m;
                    bestBytes = bytes;
                    _roomBest.Clear();
                    _roomBest.AddRange(_roomPlan);
                }
            }

            CountFreeDomains(pool, m, +1);
        }

        if (bestNode < 0)
        {
            return -1;
        }

        var high = _policy.Consolidation.HighUtilisation;
        foreach (var other in _roomBest)
        {
            var reason = $"making room on {pool.Node(bestNode).Id} for {pool.Cell(cell).Id} ({pool.CoresNeeded(cell, bestNode)} cores)";
            if (!Placer.Move(other, reason, NodeOrder.BestFit, high).IsSuccess && !Placer.Move(other, reason).IsSuccess)
            {
                return -1;
            }
        }

        return bestNode;
    }

    /// <summary>
    /// Plans which stacks (not <paramref name="cell"/>) leave domain <paramref name="domain"/> of
    /// <paramref name="node"/> so that it has <paramref name="need"/> free cores: biggest first among
    /// those that fit a free domain elsewhere (first fit on the histogram), fewest moves. The plan is
    /// left in <see cref="_roomPlan"/>.
    /// </summary>
    private bool PlanDomain(PoolState pool, int node, int domain, int need, int cell, double now, out long bytes)
    {
        bytes = 0;
        _roomPlan.Clear();
        var set = pool.CoresOfNode(node);
        var deficit = need - set.FreeInNuma(domain);
        _roomCandidates.Clear();
        var movable = 0;
        foreach (var other in pool.CellsOn(node))
        {
            var cores = pool.CoresOf(other);
            if (other == cell || cores.Length == 0 || set.NumaOf(cores[0]) != domain || !Rebalancer.OutOfCooldown(pool, other, now) ||
                pool.FronthaulLatencyMicros(other) > RadioTables.FronthaulBudgetMicros(pool.Cell(other).Rat))
            {
                continue;
            }

            _roomCandidates.Add(other);
            movable += cores.Length;
        }

        if (movable < deficit)
        {
            return false;
        }

        _roomCandidates.Sort((a, b) =>
        {
            var bySize = pool.CoresOf(b).Length.CompareTo(pool.CoresOf(a).Length);
            return bySize != 0 ? bySize : pool.Demand(a).StateBytes.CompareTo(pool.Demand(b).StateBytes);
        });
        Array.Copy(_freeDomains, _freeScratch, _freeDomains.Length);
        var freed = 0;
        foreach (var other in _roomCandidates)
        {
            if (freed >= deficit || _roomPlan.Count >= MaxMovesToMakeRoom)
            {
                break;
            }

            var size = pool.CoresOf(other).Length;
            if (!TakeFreeDomain(pool.StackOf(other), size))
            {
                continue;
            }

            _roomPlan.Add(other);
            freed += size;
            bytes += pool.Demand(other).StateBytes;
        }

        return freed >= deficit;
    }

    /// <summary>First fit of <paramref name="size"/> cores into the tightest free domain of an arch the stack supports (on the scratch histogram).</summary>
    private bool TakeFreeDomain(StackProfile stack, int size)
    {
        for (var free = size; free < _freeWidth; free++)
        {
            for (var arch = 0; arch < 2; arch++)
            {
                var slot = (arch * _freeWidth) + free;
                if (_freeScratch[slot] > 0 && stack.Supports((CpuArch)arch))
                {
                    _freeScratch[slot]--;
                    _freeScratch[(arch * _freeWidth) + free - size]++;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Histogram of free cores per NUMA domain of Up nodes, per arch (the node being opened is taken out while it is planned).</summary>
    private void BuildFreeDomains(PoolState pool)
    {
        var width = 1;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            width = Math.Max(width, (pool.Node(n).Cores / Math.Max(1, pool.Node(n).NumaNodes)) + 1);
        }

        if (_freeDomains.Length < 2 * width)
        {
            _freeDomains = new int[2 * width];
            _freeScratch = new int[2 * width];
        }

        _freeWidth = width;
        Array.Clear(_freeDomains);
        for (var n = 0; n < pool.NodeCount; n++)
        {
            CountFreeDomains(pool, n, +1);
        }
    }

    private void CountFreeDomains(PoolState pool, int node, int delta)
    {
        if (pool.StateOf(node) != NodeState.Up)
        {
            return;
        }

        var spec = pool.Node(node);
        var set = pool.CoresOfNode(node);
        for (var d = 0; d < spec.NumaNodes; d++)
        {
            var free = Math.Min(set.FreeInNuma(d), _freeWidth - 1);
            if (free > 0)
            {
                _freeDomains[((int)spec.Arch * _freeWidth) + free] += delta;
            }
        }
    }
}
