using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.ArchCompatibility;

/// <summary>Filter: a vendor's stack runs only on the instruction-set architectures it is built for.</summary>
public sealed class ArchCompatibilityPlugin : IFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "ArchCompatibility";

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status Filter(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        return pool.StackOf(state.Cell).Supports(pool.Node(node).Arch)
            ? Status.Success
            : Status.Unresolvable(PluginName, "the stack has no build for the node's arch");
    }
}
