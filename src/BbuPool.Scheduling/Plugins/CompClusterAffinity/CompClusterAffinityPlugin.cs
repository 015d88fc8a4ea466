using BbuPool.Core.Pool;
using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.CompClusterAffinity;

/// <summary>
/// PreFilter + Filter: cells of one CoMP cluster run on one node, or on nodes whose inter-node
/// latency (ConstraintChecker.InterNodeMicros: 5 µs same site, 100 µs across sites) is within
/// policy.CompMaxInterNodeMicros. Latency depends only on sites, so checking against one placed
/// partner checks every pair. When the limit is below the same-site latency the cluster must share
/// a node and PreFilter narrows the candidates to the partner's node.
/// </summary>
public sealed class CompClusterAffinityPlugin : IPreFilterPlugin, IFilterPlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "CompClusterAffinity";

    private readonly double _maxMicros;

    /// <summary>Creates the plugin with the policy's limit.</summary>
    public CompClusterAffinityPlugin(double maxInterNodeMicros)
    {
        _maxMicros = maxInterNodeMicros;
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreFilter(CycleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        var cluster = pool.ClusterOf(state.Cell);
        // Replicas obey the rule too: a promoted replica becomes the primary where it stands.
        if (cluster < 0)
        {
            return Status.Skip;
        }

        foreach (var member in state.Index.ClusterMembers(cluster))
        {
            var node = pool.NodeOf(member);
            if (member != state.Cell && node >= 0)
            {
                state.CompAnchor = node;
                if (_maxMicros < ConstraintChecker.SameSiteMicros)
                {
                    state.OnlyNode = node;
                }

                return Status.Success;
            }
        }

        return Status.Skip;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.CompAnchor < 0 || state.Index.InterNodeMicros(node, state.CompAnchor) <= _maxMicros
            ? Status.Success
            : Status.Unresolvable(PluginName, "too far from the CoMP cluster's other cells");
    }
}
