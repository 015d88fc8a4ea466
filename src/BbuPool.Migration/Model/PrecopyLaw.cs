namespace BbuPool.Migration.Model;

/// <summary>The pre-copy convergence law of seed 003 and its discrete rounds.</summary>
public static class PrecopyLaw
{
    /// <summary>
    /// Seed 003: T = N/delta ln(mu/(mu - delta)) with N pages, dirty rate delta and copy rate mu in
    /// pages/s; infinite when delta &gt;= mu (the race cannot be won). With delta = 0 the limit N/mu.
    /// </summary>
    public static double ConvergenceSeconds(double pages, double dirtyPagesPerSecond, double copyPagesPerSecond)
    {
        if (dirtyPagesPerSecond >= copyPagesPerSecond)
        {
            return double.PositiveInfinity;
        }

        if (dirtyPagesPerSecond <= 0)
        {
            return pages / copyPagesPerSecond;
        }

        return pages / dirtyPagesPerSecond * Math.Log(copyPagesPerSecond / (copyPagesPerSecond - dirtyPagesPerSecond));
    }

    /// <summary>Residual still dirty after <paramref name="rounds"/> rounds: V0 (delta/mu)^n, never above V0.</summary>
    public static double Residual(double v0, double ratio, int rounds) => v0 * Math.Min(1.0, Math.Pow(ratio, rounds));

    /// <summary>Time of the first <paramref name="rounds"/> rounds: sum of V0 r^i / mu.</summary>
    public static double RoundsSeconds(double v0, double ratio, double mu, int rounds)
    {
        double r = Math.Min(ratio, 1.0);
        double sum = r >= 1.0 ? rounds : (1 - Math.Pow(r, rounds)) / (1 - r);
        return v0 / mu * sum;
    }

    /// <summary>
    /// The stop rule: the fewest rounds (at least 1) after which the residual fits
    /// <paramref name="budgetSeconds"/> at mu; <paramref name="maxRounds"/> when it never does or
    /// when the ratio does not shrink (non-convergence stops after round 1).
    /// </summary>
    public static int RoundsToBudget(double v0, double ratio, double mu, double budgetSeconds, int maxRounds)
    {
        if (ratio >= 1.0)
        {
            return 1;
        }

        for (int n = 1; n < maxRounds; n++)
        {
            if (Residual(v0, ratio, n) / mu <= budgetSeconds)
            {
                return n;
            }
        }

        return maxRounds;
    }
}
