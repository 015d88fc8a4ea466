using BbuPool.Core.Model;
using BbuPool.Core.Radio;

namespace BbuPool.Core.Pool;

/// <summary>
/// Checks the hard constraints of a pool independently of whichever scheduler produced it, so the
/// simulator's `constraint_violations` measures the scheduler rather than trusting it.
/// </summary>
public static class ConstraintChecker
{
    /// <summary>Latency between two nodes at one site (same fabric, one switch hop).</summary>
    public const double SameSiteMicros = 5;

    /// <summary>Latency between nodes at different sites (metro fibre, ~20 km).</summary>
    public const double CrossSiteMicros = 100;

    /// <summary>Inter-node latency used by the CoMP rule.</summary>
    public static double InterNodeMicros(PoolState pool, int a, int b)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return a == b ? 0 : string.Equals(pool.Node(a).Site, pool.Node(b).Site, StringComparison.Ordinal) ? SameSiteMicros : CrossSiteMicros;
    }

    /// <summary>
    /// Checks every placed cell and every node; adds violations to <paramref name="into"/> (when not
    /// null) and returns their count. Fronthaul is checked only for cells whose placement changed in
    /// the journal (a link degrading under a placed cell is the network's doing, not the scheduler's).
    /// </summary>
    public static int Check(PoolState pool, List<ConstraintViolation>? into = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var count = 0;
        void Add(string rule, int cell, int node, string detail)
        {
            count++;
            into?.Add(new ConstraintViolation(rule, cell, node, detail));
        }

        Span<int> clusterNode = pool.ClusterCount <= 256 ? stackalloc int[pool.ClusterCount] : new int[pool.ClusterCount];
        clusterNode.Fill(-1);
        for (var c = 0; c < pool.CellCount; c++)
        {
            var node = pool.NodeOf(c);
            if (node < 0)
            {
                continue;
            }

            var spec = pool.Node(node);
            if (pool.StateOf(node) is not (NodeState.Up or NodeState.Draining))
            {
                Add("node-state", c, node, $"cell {pool.Cell(c).Id} on {spec.Id} which is {pool.StateOf(node)}");
            }

            if (!pool.StackOf(c).Supports(spec.Arch))
            {
                Add("arch", c, node, $"stack {pool.StackOf(c).Id} has no {spec.Arch.ToName()} build, placed on {spec.Id}");
            }

            var cores = pool.CoresOf(c);
            var set = pool.CoresOfNode(node);
            for (var i = 1; i < cores.Length; i++)
            {
                if (set.NumaOf(cores[i]) != set.NumaOf(cores[0]))
                {
                    Add("numa", c, node, $"cell {pool.Cell(c).Id} spans NUMA domains on {spec.Id}");
                    break;
                }
            }

            foreach (var core in cores)
            {
                if (core < spec.OsReservedCores || core >= spec.Cores || set.IsFree(core))
                {
                    Add("cores", c, node, $"cell {pool.Cell(c).Id} holds core {core} of {spec.Id} which is reserved, out of range or free");
                    break;
                }
            }

            var standby = pool.StandbyNodeOf(c);
            if (standby == node)
            {
                Add("standby", c, node, $"cell {pool.Cell(c).Id} has its hot standby on its own node");
            }

            var cluster = pool.ClusterOf(c);
            if (cluster >= 0)
            {
                // Inter-node latency depends only on the sites, so comparing every member with the
                // cluster's first placed member checks every pair.
                var first = clusterNode[cluster];
                if (first < 0)
                {
                    clusterNode[cluster] = node;
                }
                else if (InterNodeMicros(pool, first, node) > pool.Policy.CompMaxInterNodeMicros)
                {
                    Add("comp", c, node, $"CoMP cluster {pool.Cell(c).CompCluster}: {pool.Cell(c).Id} on {spec.Id} is {InterNodeMicros(pool, first, node)} µs from {pool.Node(first).Id}");
                }
            }
        }

        foreach (var change in pool.Journal)
        {
            if (change.Kind is PlacementChangeKind.Place or PlacementChangeKind.Move or PlacementChangeKind.Failover &&
                pool.NodeOf(change.Cell) == change.ToNode)
            {
                var budget = RadioTables.FronthaulBudgetMicros(pool.Cell(change.Cell).Rat);
                var latency = pool.FronthaulLatencyMicros(change.Cell);
                if (latency > budget)
                {
                    Add("fronthaul", change.Cell, change.ToNode, $"cell {pool.Cell(change.Cell).Id} placed with {latency:F0} µs fronthaul > {budget} µs budget");
                }
            }
        }

        for (var n = 0; n < pool.NodeCount; n++)
        {
            var spec = pool.Node(n);
            if (pool.MemoryUsed(n) > spec.MemoryGiB + 1e-6)
            {
                Add("memory", -1, n, $"{spec.Id} uses {pool.MemoryUsed(n):F1} of {spec.MemoryGiB} GiB");
            }

            if (pool.NicUsed(n) > spec.NicGbps + 1e-6)
            {
                Add("nic", -1, n, $"{spec.Id} uses {pool.NicUsed(n):F1} of {spec.NicGbps} Gbit/s");
            }
        }

        return count;
    }
}
