using BbuPool.Core.Pool;
using BbuPool.Scheduling.Plugins.MigrationCost;

namespace BbuPool.Scheduling.Evacuation;

/// <summary>
/// Orders the migrations out of one node (drain or maintenance) so it empties fastest without
/// oversubscribing its link, after SO-Live's ordering idea (seed 004): critical cells first (they
/// must not be left behind if capacity runs out), then the cheapest migrations (shortest estimated
/// pre-copy time), so the most cells leave within each step's link budget; the per-node and
/// per-link concurrency limits themselves are enforced by the MigrationBudget plugin.
/// </summary>
public sealed class EvacuationPlanner
{
    private readonly List<int> _order = [];

    /// <summary>The cells of <paramref name="node"/> in evacuation order (a reused list: copy it to keep it).</summary>
    public IReadOnlyList<int> Order(PoolState pool, int node)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _order.Clear();
        _order.AddRange(pool.CellsOn(node));
        _order.Sort((a, b) =>
        {
            var byPriority = pool.Cell(b).Priority.CompareTo(pool.Cell(a).Priority);
            if (byPriority != 0)
            {
                return byPriority;
            }

            var byCost = MigrationCostPlugin.EstimateSeconds(pool.Demand(a)).CompareTo(MigrationCostPlugin.EstimateSeconds(pool.Demand(b)));
            return byCost != 0 ? byCost : a.CompareTo(b);
        });
        return _order;
    }
}
