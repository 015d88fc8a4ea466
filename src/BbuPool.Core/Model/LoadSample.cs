namespace BbuPool.Core.Model;

/// <summary>A cell's traffic at one instant.</summary>
/// <param name="PrbUtilisation">Fraction of resource units in use, 0..1.</param>
/// <param name="Mcs">Mean modulation and coding scheme index, 0..28.</param>
/// <param name="ActiveUes">Attached UEs with traffic.</param>
public readonly record struct LoadSample(double PrbUtilisation, double Mcs, double ActiveUes)
{
    /// <summary>Highest MCS index (LTE/NR tables run 0..28).</summary>
    public const double MaxMcs = 28;
}
