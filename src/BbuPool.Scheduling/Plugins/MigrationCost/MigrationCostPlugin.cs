using BbuPool.Core.Cost;
using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.MigrationCost;

/// <summary>
/// PreScore + Score: prefer the node the cell is on (no migration), then the destination that makes
/// the move cheapest. A move's cost grows with the state size and the dirty rate (pre-copy converges
/// in V0 / (mu - delta) seconds, seed 003) and with the inter-node latency (a cross-site copy runs
/// over metro fibre). Skipped for cells that have no running state to move (Place, Failover, Standby).
/// </summary>
public sealed class MigrationCostPlugin : IPreScorePlugin, IScorePlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "MigrationCost";

    /// <summary>A migration whose dirty rate reaches the link never converges in pre-copy; post-copy then sends the state about twice (pages once, plus faults).</summary>
    private const double NonConvergingFactor = 2;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <summary>Seconds a live migration of the cell's state would take on one migration stream.</summary>
    public static double EstimateSeconds(in CellDemand demand)
    {
        var mu = MigrationLimits.LinkBytesPerSecond;
        var delta = demand.DirtyBytesPerSecond;
        return delta < mu ? demand.StateBytes / (mu - delta) : NonConvergingFactor * demand.StateBytes / mu;
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, ReadOnlySpan<int> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Kind == CycleKind.Move ? Status.Success : Status.Skip;
    }

    /// <inheritdoc />
    public double Score(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (node == state.FromNode)
        {
            return 1;
        }

        // Latency 5 µs (same site) adds 5 %, 100 µs (cross site) doubles the cost.
        var seconds = EstimateSeconds(state.Demand) * (1 + (state.Index.InterNodeMicros(state.FromNode, node) / 100));
        return 1 / (1 + seconds);
    }

    /// <inheritdoc />
    public void NormalizeScores(CycleState state, Span<double> scores) => ScoreScaling.ByMax(scores);
}
