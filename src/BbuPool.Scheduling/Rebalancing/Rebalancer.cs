using BbuPool.Core.Model;
using BbuPool.Core.Policy;
using BbuPool.Core.Pool;
using BbuPool.Scheduling.Framework;
using BbuPool.Scheduling.Plugins.MigrationCost;

namespace BbuPool.Scheduling.Rebalancing;

/// <summary>
/// Relieves nodes beyond the safe load (policy.Consolidation.HighUtilisation) with the fewest
/// migrations and bytes that bring each back under the safe load less a hysteresis band. Anti-thrash
/// by construction (after Orleans' ActivationRepartitioner): a cell is never moved within its
/// cooldown; a node that took part in a move is not relieved again for a node cooldown; a destination
/// must end below the band's lower edge, so it cannot turn hot and send the cell back (no A-B swaps);
/// ties go to the lower node index so equal nodes never alternate.
/// </summary>
public sealed class Rebalancer
{
    /// <summary>Hysteresis: a hot node is brought to 5 points under the safe load, destinations must stay under it too.</summary>
    public const double Band = 0.05;

    private readonly PoolPolicy _policy;
    private readonly List<int> _candidates = [];
    private readonly List<int> _chosen = [];
    private double[] _nodeCooldownUntil = [];

    /// <summary>Creates a rebalancer for the policy.</summary>
    public Rebalancer(PoolPolicy policy)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>A node that sent or received a rebalancing move waits this long before it is relieved again: one rebalance period, so the move's effect is seen before acting on it.</summary>
    public double NodeCooldownSeconds => _policy.RebalancePeriodSeconds;

    /// <summary>The last pass's plan.</summary>
    public RebalancePlan LastPlan { get; private set; } = RebalancePlan.Empty;

    /// <summary>True when the cell may move now (outside its cooldown).</summary>
    public static bool OutOfCooldown(PoolState pool, int cell, double now) =>
        now - pool.LastMovedAt(cell) >= pool.Policy.CooldownSeconds - 1e-9;

    /// <summary>Runs one pass: relieves every hot node it can and returns the plan it carried out.</summary>
    public RebalancePlan Run(CellPlacer placer, double now)
    {
        ArgumentNullException.ThrowIfNull(placer);
        var pool = placer.Pool;
        if (_nodeCooldownUntil.Length < pool.NodeCount)
        {
            Array.Resize(ref _nodeCooldownUntil, pool.NodeCount);
        }

        var high = _policy.Consolidation.HighUtilisation;
        var target = high - Band;
        List<RebalanceMove>? moves = null;
        List<int>? unrelieved = null;
        for (var n = 0; n < pool.NodeCount; n++)
        {
            if (pool.StateOf(n) != NodeState.Up || Utilisation(pool, n) <= high + 1e-9)
            {
                continue;
            }

            if (now < _nodeCooldownUntil[n])
            {
                (unrelieved ??= []).Add(n);
                continue;
            }

            var usable = pool.Node(n).UsableCores;
            var excess = pool.UsedCores(n) - (int)Math.Floor(target * usable);
            ChooseCells(pool, n, excess, now);
            foreach (var cell in _chosen)
            {
                var selected = placer.SelectMove(cell, NodeOrder.WorstFit, target);
                if (!selected.IsSuccess)
                {
                    continue;
                }

                var to = selected.Node;
                var cores = pool.CoresOf(cell).Length;
                var need = pool.CoresNeeded(cell, to);
                var fromAfter = (pool.UsedCores(n) - cores) / (double)usable;
                var toBefore = Utilisation(pool, to);
                var toAfter = (pool.UsedCores(to) + need) / (double)pool.Node(to).UsableCores;
                var why = $"{pool.Node(n).Id} at {Utilisation(pool, n):P0} of usable cores > safe load {high:P0}";
                var gain = $"{pool.Node(n).Id} {Utilisation(pool, n):P0} -> {fromAfter:P0}, {pool.Node(to).Id} {toBefore:P0} -> {toAfter:P0}";
                var reason = $"rebalance: {why}; move {pool.Cell(cell).Id} ({cores} cores, {pool.Demand(cell).StateBytes / (1024 * 1024)} MiB) {pool.Node(n).Id} -> {pool.Node(to).Id}; expected {gain}";
                var bytes = pool.Demand(cell).StateBytes;
                if (placer.Move(cell, reason, NodeOrder.WorstFit, target, onlyNode: to).IsSuccess)
                {
                    (moves ??= []).Add(new RebalanceMove(cell, pool.Cell(cell).Id, n, to, why, gain, bytes));
                    _nodeCooldownUntil[n] = now + NodeCooldownSeconds;
                    _nodeCooldownUntil[to] = now + NodeCooldownSeconds;
                }

                if (Utilisation(pool, n) <= target + 1e-9)
                {
                    break;
                }
            }

            if (Utilisation(pool, n) > high + 1e-9)
            {
                (unrelieved ??= []).Add(n);
            }

        }

        LastPlan = new RebalancePlan(now, moves ?? [], unrelieved ?? []);
        return LastPlan;
    }

    /// <summary>Share of the node's usable cores given to stacks.</summary>
    public static double Utilisation(PoolState pool, int node)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.UsedCores(node) / (double)pool.Node(node).UsableCores;
    }

    /// <summary>
    /// Fewest migrations, then fewest bytes: one cell whose cores cover the excess (the smallest state
    /// among them) if any; otherwise the biggest cells first until the excess is covered.
    /// </summary>
    private void ChooseCells(PoolState pool, int node, int excess, double now)
    {
        _candidates.Clear();
        _chosen.Clear();
        foreach (var c in pool.CellsOn(node))
        {
            if (OutOfCooldown(pool, c, now))
            {
                _candidates.Add(c);
            }
        }

        var single = -1;
        foreach (var c in _candidates)
        {
            if (pool.CoresOf(c).Length >= excess &&
                (single < 0 || Cost(pool, c) < Cost(pool, single) || (Cost(pool, c) == Cost(pool, single) && c < single)))
            {
                single = c;
            }
        }

        if (single >= 0)
        {
            _chosen.Add(single);
            // Fallbacks if the best single move finds no destination.
            _candidates.Remove(single);
        }

        _candidates.Sort((a, b) =>
        {
            var byCores = pool.CoresOf(b).Length.CompareTo(pool.CoresOf(a).Length);
            if (byCores != 0)
            {
                return byCores;
            }

            var byCost = Cost(pool, a).CompareTo(Cost(pool, b));
            return byCost != 0 ? byCost : a.CompareTo(b);
        });
        _chosen.AddRange(_candidates);
    }

    private static double Cost(PoolState pool, int cell) => MigrationCostPlugin.EstimateSeconds(pool.Demand(cell));
}
