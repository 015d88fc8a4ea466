using BbuPool.Core.Pool;

namespace BbuPool.Scheduling.Failover;

/// <summary>
/// Re-places the cells of failed nodes: highest priority first (then biggest, so large stacks find
/// room before it fragments), each promoted to its hot-standby replica when it has one (no state
/// lost, PoolState.TryPromoteStandby) or re-placed through the framework as a Failover cycle. Cells
/// that find no node stay pending, are reported, and are retried every step as capacity wakes.
/// </summary>
public sealed class FailoverHandler
{
    private readonly List<int> _work = [];
    private int[] _lostNode = [];
    private int _pending;

    /// <summary>The last pass that had lost cells to handle.</summary>
    public FailoverReport LastReport { get; private set; } = FailoverReport.Empty;

    /// <summary>Cells still waiting for a node after their node failed.</summary>
    public int Pending => _pending;

    /// <summary>The node a pending cell lost, or -1.</summary>
    public int LostNodeOf(int cell) => cell < _lostNode.Length ? _lostNode[cell] : -1;

    /// <summary>Handles this step's lost cells and retries earlier ones.</summary>
    public void Run(CellPlacer placer, IReadOnlyList<int> lostCells, double now)
    {
        ArgumentNullException.ThrowIfNull(placer);
        ArgumentNullException.ThrowIfNull(lostCells);
        var pool = placer.Pool;
        if (_lostNode.Length != pool.CellCount)
        {
            _lostNode = new int[pool.CellCount];
            Array.Fill(_lostNode, -1);
            _pending = 0;
        }

        if (lostCells.Count == 0 && _pending == 0)
        {
            return;
        }

        foreach (var change in pool.Journal)
        {
            if (change.Kind == PlacementChangeKind.Unplace && change.FromNode >= 0 && _lostNode[change.Cell] < 0)
            {
                _lostNode[change.Cell] = change.FromNode;
                _pending++;
            }
        }

        _work.Clear();
        foreach (var c in lostCells)
        {
            if (_lostNode[c] < 0)
            {
                _lostNode[c] = -2;
                _pending++;
            }
        }

        for (var c = 0; c < _lostNode.Length; c++)
        {
            if (_lostNode[c] != -1)
            {
                _work.Add(c);
            }
        }

        _work.Sort((a, b) =>
        {
            var byPriority = pool.Cell(b).Priority.CompareTo(pool.Cell(a).Priority);
            if (byPriority != 0)
            {
                return byPriority;
            }

            var bySize = pool.Demand(b).Cores.CompareTo(pool.Demand(a).Cores);
            return bySize != 0 ? bySize : a.CompareTo(b);
        });

        var promoted = new List<int>();
        var replaced = new List<int>();
        var notPlaced = new List<int>();
        foreach (var c in _work)
        {
            var lost = Math.Max(-1, _lostNode[c]);
            if (pool.NodeOf(c) >= 0)
            {
                Done(c);
                continue;
            }

            var standby = pool.StandbyNodeOf(c);
            if (standby >= 0 && CompAllows(placer, c, standby) && pool.TryPromoteStandby(c, lost, "failover: promoted the hot-standby replica"))
            {
                placer.Index.Update(standby);
                promoted.Add(c);
                Done(c);
                continue;
            }

            var lostId = lost >= 0 ? pool.Node(lost).Id : "?";
            if (placer.Failover(c, lost, $"failover: {lostId} failed; re-placed by priority {pool.Cell(c).Priority}").IsSuccess)
            {
                replaced.Add(c);
                Done(c);
            }
            else
            {
                notPlaced.Add(c);
            }
        }

        LastReport = new FailoverReport(now, promoted, replaced, notPlaced);
    }

    /// <summary>True when a replica on <paramref name="node"/> may become the primary without breaking its CoMP cluster's latency rule.</summary>
    private static bool CompAllows(CellPlacer placer, int cell, int node)
    {
        var pool = placer.Pool;
        foreach (var member in placer.Index.ClusterMembers(pool.ClusterOf(cell)))
        {
            var at = pool.NodeOf(member);
            if (member != cell && at >= 0 && placer.Index.InterNodeMicros(node, at) > pool.Policy.CompMaxInterNodeMicros)
            {
                return false;
            }
        }

        return true;
    }

    private void Done(int cell)
    {
        _lostNode[cell] = -1;
        _pending--;
    }
}
