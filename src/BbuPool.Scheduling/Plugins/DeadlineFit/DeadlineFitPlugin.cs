using BbuPool.Core.Model;
using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.DeadlineFit;

/// <summary>
/// Filter: with the cost model's per-TTI work at this node's arch and clock, plus the policy's
/// headroom, the stack keeps pace with its RAT's TTI only if it gets ceil(w x factor x (1 + h) / T)
/// cores; a node whose largest NUMA domain (less the OS's cores) is smaller can never meet the
/// deadline, however empty it is.
/// </summary>
public sealed class DeadlineFitPlugin : IFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "DeadlineFit";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>Cores one stack can get at most on <paramref name="spec"/>: its largest NUMA domain less the OS's cores in it.</summary>
    public static int LargestUsableNuma(NodeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var best = 0;
        var perNuma = spec.CoresPerNuma;
        for (var d = 0; d < spec.NumaNodes; d++)
        {
            // The OS's cores are the first ones (CoreSet reserves 0..reserved-1).
            var reservedHere = Math.Clamp(spec.OsReservedCores - (d * perNuma), 0, perNuma);
            best = Math.Max(best, perNuma - reservedHere);
        }

        return best;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.CoresOn(node) <= state.Index.LargestUsableNuma(node)
            ? Status.Success
            : Status.Unresolvable(PluginName, "the stack cannot meet its TTI deadline within one NUMA domain of the node");
    }
}
