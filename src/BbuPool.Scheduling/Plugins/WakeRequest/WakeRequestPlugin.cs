using BbuPool.Core.Cost;
using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.WakeRequest;

/// <summary>
/// PostFilter: when no Up node can take a cell, record its demand (and whether its stack is tied to
/// one arch) so the consolidator wakes a node that can. Never makes room itself, so it returns
/// Unschedulable and the cell is retried next step.
/// </summary>
public sealed class WakeRequestPlugin : IPostFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "WakeRequest";

    private readonly CapacityRequests _requests;

    /// <summary>Creates the plugin over the shared request ledger.</summary>
    public WakeRequestPlugin(CapacityRequests requests)
    {
        _requests = requests ?? throw new ArgumentNullException(nameof(requests));
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PostFilter(CycleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.RequestCapacity)
        {
            return Status.Unschedulable(PluginName, "no Up node fits");
        }

        var pool = state.Pool;
        var cores = state.FixedCores > 0 ? state.FixedCores : ProcessingCostModel.CoresFor(state.Demand.MicrosPerTti, 1, pool.TtiOf(state.Cell), pool.Policy.Headroom);
        _requests.Add(cores, pool.StackOf(state.Cell));
        return Status.Unschedulable(PluginName, "no Up node fits: capacity requested");
    }
}
