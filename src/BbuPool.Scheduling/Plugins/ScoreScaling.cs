namespace BbuPool.Scheduling.Plugins;

/// <summary>Shared NormalizeScores helpers.</summary>
internal static class ScoreScaling
{
    /// <summary>Scores already in 0..1: scale to 0..MaxNodeScore.</summary>
    public static void Unit(Span<double> scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Clamp(scores[i], 0, 1) * Framework.SchedulingFramework.MaxNodeScore;
        }
    }

    /// <summary>Divide by the largest so the best node scores MaxNodeScore (Kubernetes' DefaultNormalizeScore).</summary>
    public static void ByMax(Span<double> scores)
    {
        var max = 0.0;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = max > 0 ? scores[i] * Framework.SchedulingFramework.MaxNodeScore / max : 0;
        }
    }
}
