namespace BbuPool.Scheduling.Framework;

/// <summary>A preference: ranks feasible nodes; the framework normalises and weights each plugin's scores.</summary>
public interface IScorePlugin : IPlugin
{
    /// <summary>Raw score of <paramref name="node"/> (higher is better).</summary>
    double Score(CycleState state, int node);

    /// <summary>Maps this plugin's raw scores onto 0..<see cref="SchedulingFramework.MaxNodeScore"/> in place.</summary>
    void NormalizeScores(CycleState state, Span<double> scores);
}
