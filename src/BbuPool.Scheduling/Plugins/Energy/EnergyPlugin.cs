using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.Energy;

/// <summary>
/// PreScore + Score: prefer nodes already serving cells (an empty powered node can still be turned
/// off: keep it empty) and nodes that give the most reference cores per peak watt.
/// </summary>
public sealed class EnergyPlugin : IPreScorePlugin, IScorePlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "Energy";

    private double _bestCoresPerWatt;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreScore(CycleState state, ReadOnlySpan<int> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        _bestCoresPerWatt = 0;
        foreach (var node in nodes)
        {
            _bestCoresPerWatt = Math.Max(_bestCoresPerWatt, CoresPerWatt(state, node));
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public double Score(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        var busy = state.Pool.CellsOn(node).Count > 0 ? 1.0 : 0.0;
        var efficiency = _bestCoresPerWatt > 0 ? CoresPerWatt(state, node) / _bestCoresPerWatt : 1;
        return (0.5 * busy) + (0.5 * efficiency);
    }

    /// <inheritdoc />
    public void NormalizeScores(CycleState state, Span<double> scores) => ScoreScaling.Unit(scores);

    private static double CoresPerWatt(CycleState state, int node) => state.Index.CoresPerWatt(node);
}
