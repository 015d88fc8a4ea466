using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Traffic;

/// <summary>What every base profile knows about its cells: which they are, how load maps to MCS/UEs, and its noise.</summary>
/// <param name="Cells">Scenario cell indices the profile drives.</param>
/// <param name="MaxActiveUes">Active UEs at full load, per entry of <paramref name="Cells"/>.</param>
/// <param name="Shape">MCS as a function of utilisation.</param>
/// <param name="Noise">Amplitude of the utilisation noise (0.05 = ±5 points).</param>
/// <param name="NoisePeriodSeconds">Correlation time of the noise: a new random value every period, linearly blended.</param>
internal sealed record CellSet(int[] Cells, double[] MaxActiveUes, LoadShape Shape, double Noise, double NoisePeriodSeconds)
{
    /// <summary>Default noise period: 5 min, the granularity of operators' PM counters (15 min) divided by three.</summary>
    public const double DefaultNoisePeriodSeconds = 300;

    /// <summary>Writes the sample for entry <paramref name="i"/> at <paramref name="utilisation"/>.</summary>
    public void Write(Span<LoadSample> loads, int i, double utilisation) =>
        loads[Cells[i]] = Shape.Sample(utilisation, MaxActiveUes[i]);
}
