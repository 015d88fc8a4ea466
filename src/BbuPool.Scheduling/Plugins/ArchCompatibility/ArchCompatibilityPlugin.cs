using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.ArchCompatibility;

/// <summary>Filter: a vendor's stack runs only on the instruction-set architectures it is built for.</summary>
public sealed class ArchCompatibilityPlugin : IFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "ArchCompatibility";

    /// <summary>The rejection's reason.</summary>
    public const string NoBuild = "the stack has no build for the node's arch";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Filter(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Index.ArchFits(state.Cell, node)
            ? Status.Success
            : Status.Unresolvable(PluginName, NoBuild);
    }
}
