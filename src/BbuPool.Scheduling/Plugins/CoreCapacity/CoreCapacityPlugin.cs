using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.CoreCapacity;

/// <summary>
/// Filter: the node has the cores the stack needs as exclusive pinned cores in ONE NUMA domain
/// (the OS's cores are never free, so they are already excluded), plus the memory and NIC bandwidth
/// PoolState books at bind, and stays under <see cref="CycleState.MaxUtilisationAfter"/>.
/// </summary>
public sealed class CoreCapacityPlugin : IFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "CoreCapacity";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Filter(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        var need = state.CoresOn(node);
        if (need > state.Index.LargestFreeNuma(node))
        {
            return Status.Unschedulable(PluginName, "no NUMA domain of the node has enough free cores");
        }

        var spec = pool.Node(node);
        if (pool.MemoryUsed(node) + state.MemoryGiB > spec.MemoryGiB + 1e-9)
        {
            return Status.Unschedulable(PluginName, "not enough free memory");
        }

        if (pool.NicUsed(node) + state.NicGbps > spec.NicGbps + 1e-9)
        {
            return Status.Unschedulable(PluginName, "not enough NIC bandwidth");
        }

        if (state.MaxUtilisationAfter < 1 && pool.UsedCores(node) + need > state.MaxUtilisationAfter * spec.UsableCores)
        {
            return Status.Unschedulable(PluginName, "the node would pass its safe load");
        }

        return Status.Success;
    }
}
