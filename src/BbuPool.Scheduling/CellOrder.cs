using BbuPool.Core.Pool;

namespace BbuPool.Scheduling;

/// <summary>The one order in which both schedulers place cells: priority first, then biggest first (FFD), then index for determinism.</summary>
internal static class CellOrder
{
    /// <summary>Sorts <paramref name="cells"/> by descending priority, descending cores, ascending index.</summary>
    public static void ByPriorityThenSize(PoolState pool, List<int> cells) =>
        cells.Sort((a, b) =>
        {
            var byPriority = pool.Cell(b).Priority.CompareTo(pool.Cell(a).Priority);
            if (byPriority != 0)
            {
                return byPriority;
            }

            var bySize = pool.Demand(b).Cores.CompareTo(pool.Demand(a).Cores);
            return bySize != 0 ? bySize : a.CompareTo(b);
        });
}
