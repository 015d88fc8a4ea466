using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.SpreadPriority;

/// <summary>
/// PreFilter + Filter: a site's high-priority cells (priority >= <see cref="PoolIndex.HighPriority"/>,
/// the voice/emergency layer) are not all put on one node, so one server failure never silences a
/// whole site's critical service. Only the site's other high-priority cells are looked at (a handful).
/// </summary>
public sealed class SpreadPriorityPlugin : IPreFilterPlugin, IFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "SpreadPriority";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreFilter(CycleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        return pool.Cell(state.Cell).Priority < PoolIndex.HighPriority ||
               state.Kind == CycleKind.Standby ||
               state.Index.SiteHighPriority(pool.SiteOf(state.Cell)).Length < 2
            ? Status.Skip
            : Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        foreach (var other in state.Index.SiteHighPriority(pool.SiteOf(state.Cell)))
        {
            if (other != state.Cell && pool.NodeOf(other) != node)
            {
                return Status.Success;
            }
        }

        return Status.Unschedulable(PluginName, "every other high-priority cell of the site is on this node");
    }
}
