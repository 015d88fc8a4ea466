using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.DefaultBinder;

/// <summary>Bind: applies the decision through PoolState (TryPlace, TryFailover or TryPlaceStandby), which journals it.</summary>
public sealed class DefaultBinderPlugin : IBindPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "DefaultBinder";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Bind(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        var cores = state.CoresOn(node);
        var bound = state.Kind switch
        {
            CycleKind.Failover => pool.TryFailover(state.Cell, state.FromNode, node, cores, state.Reason),
            CycleKind.Standby => pool.TryPlaceStandby(state.Cell, node, cores, state.Reason),
            _ => pool.TryPlace(state.Cell, node, cores, state.Reason),
        };
        return bound ? Status.Success : Status.Error(PluginName, "the pool refused the placement");
    }
}
