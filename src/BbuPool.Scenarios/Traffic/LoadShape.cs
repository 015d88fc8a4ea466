using System.Runtime.CompilerServices;
using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// How MCS and active UEs follow PRB utilisation when a profile gives only utilisation (docs/scenarios.md):
/// mean MCS falls linearly from <see cref="McsAtIdle"/> to <see cref="McsAtFull"/> as neighbour cells load
/// up and interference lowers SINR; active UEs grow in proportion to utilisation up to the cell's maximum.
/// </summary>
/// <param name="McsAtIdle">Mean MCS of a nearly idle cell (few UEs, little interference).</param>
/// <param name="McsAtFull">Mean MCS of a fully loaded cell.</param>
internal readonly record struct LoadShape(double McsAtIdle, double McsAtFull)
{
    /// <summary>Default MCS of an idle cell: 26 (64QAM, rate ~0.85) for UEs near the mast.</summary>
    public const double DefaultMcsAtIdle = 26;

    /// <summary>Default MCS at full load: 22; field drive tests show mean CQI falling ~2-3 steps from idle to busy.</summary>
    public const double DefaultMcsAtFull = 22;

    /// <summary>The load sample for <paramref name="utilisation"/> (clamped to 0..1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LoadSample Sample(double utilisation, double maxActiveUes)
    {
        var u = utilisation < 0 ? 0 : utilisation > 1 ? 1 : utilisation;
        return new LoadSample(u, McsAtIdle + ((McsAtFull - McsAtIdle) * u), maxActiveUes * u);
    }

    /// <summary>
    /// Active UEs of a fully loaded cell when the file does not say: one per PRB for LTE/NR (100 for a
    /// 20 MHz LTE cell, within the 50-200 active UEs operators report for busy cells), 8 per GSM TRX
    /// (its timeslots), 64 per UMTS carrier (HSPA users per carrier).
    /// </summary>
    public static double DefaultMaxActiveUes(Rat rat, int resourceUnits) => rat switch
    {
        Rat.Gsm => 8.0 * resourceUnits,
        Rat.Umts => 64.0 * resourceUnits,
        _ => resourceUnits,
    };
}
