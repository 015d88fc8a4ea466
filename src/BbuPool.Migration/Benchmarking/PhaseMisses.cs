using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// A cell's missed TTIs at one end in one source phase, with how they were late: a wake-up
/// lateness near the period's slack says the thread woke late, a compute near the period says the
/// TTI itself ran slow (shared core, cold caches).
/// </summary>
/// <param name="End">The host that missed them.</param>
/// <param name="Phase">The source's phase when their slots began.</param>
/// <param name="Missed">How many.</param>
/// <param name="WakeLateUsP50">Median of slot start to compute start (us).</param>
/// <param name="WakeLateUsMax">Largest of the same.</param>
/// <param name="ComputeUsP50">Median compute (us).</param>
/// <param name="ComputeUsMax">Largest compute.</param>
public sealed record PhaseMisses(
    MigrationEnd End,
    MigrationPhase Phase,
    int Missed,
    double WakeLateUsP50,
    double WakeLateUsMax,
    double ComputeUsP50,
    double ComputeUsMax)
{
    /// <summary>"source" or "destination".</summary>
    public string EndName => End == MigrationEnd.Source ? "source" : "destination";

    /// <summary>One line: "source Reviewing 5 (woke +812 us p50, 3400 max; compute 310 us p50, 520 max)".</summary>
    public string Describe() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{EndName} {Phase} {Missed} (woke +{WakeLateUsP50:F0} us p50, {WakeLateUsMax:F0} max; compute {ComputeUsP50:F0} us p50, {ComputeUsMax:F0} max)");

    /// <summary>Groups misses by end and phase, source first, phases in protocol order.</summary>
    public static IReadOnlyList<PhaseMisses> Summarise(IEnumerable<MissedTti> misses)
    {
        ArgumentNullException.ThrowIfNull(misses);
        return misses
            .GroupBy(m => (m.End, m.Phase))
            .OrderBy(g => g.Key.End).ThenBy(g => g.Key.Phase)
            .Select(g =>
            {
                var wake = g.Select(m => m.WakeLateUs).ToList();
                var compute = g.Select(m => m.ComputeUs).ToList();
                return new PhaseMisses(g.Key.End, g.Key.Phase, g.Count(), Percentiles.Median(wake), wake.Max(), Percentiles.Median(compute), compute.Max());
            })
            .ToList();
    }
}
