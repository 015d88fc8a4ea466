using BbuPool.Scheduling.Framework;

namespace BbuPool.Scheduling.Plugins.BinPacking;

/// <summary>
/// Score: vector bin packing over (cores, memory, NIC), each as a share of the node's capacity. The
/// norm term prefers the node left fullest after the placement (squared L2 norm of its utilisation
/// vector: fewer powered nodes), the dot-product term prefers the node whose remaining capacity
/// is already loaded along the demand's direction (dot product of demand and utilisation over the
/// demand's norm). Dot-product/norm greedy beats FFD by up to 10 % bins in vector packing.
/// </summary>
public sealed class BinPackingPlugin : IScorePlugin
{
    /// <summary>Registry name.</summary>
    public const string PluginName = "BinPacking";

    /// <summary>Share of the norm (fullness) term; the rest is the alignment term. 0.7 because cores dominate in every scenario and fullness is what saves servers.</summary>
    private const double NormShare = 0.7;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public double Score(CycleState state, int node)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pool = state.Pool;
        var index = state.Index;
        // Capacities as precomputed reciprocals (PoolIndex): this runs for every scored candidate.
        var invCores = index.InverseUsableCores(node);
        var invMem = index.InverseMemory(node);
        var invNic = index.InverseNic(node);
        var dCores = state.CoresOn(node) * invCores;
        var dMem = state.MemoryGiB * invMem;
        var dNic = state.NicGbps * invNic;
        var uCores = pool.UsedCores(node) * invCores;
        var uMem = pool.MemoryUsed(node) * invMem;
        var uNic = pool.NicUsed(node) * invNic;
        var aCores = uCores + dCores;
        var aMem = uMem + dMem;
        var aNic = uNic + dNic;
        var fullness = ((aCores * aCores) + (aMem * aMem) + (aNic * aNic)) / 3;
        // Dot product of the demand with the node's utilisation after placement, over the norms:
        // the projection of the node's load onto the demand's direction, in 0..1 (Panigrahy et al.'s
        // dot-product rule). It rewards nodes already loaded in the dimensions this cell uses.
        var dNorm = Math.Sqrt((dCores * dCores) + (dMem * dMem) + (dNic * dNic));
        var projection = dNorm > 0 ? ((dCores * aCores) + (dMem * aMem) + (dNic * aNic)) / dNorm : 0;
        return (NormShare * fullness) + ((1 - NormShare) * Math.Min(1, projection));
    }

    /// <inheritdoc />
    public void NormalizeScores(CycleState state, Span<double> scores) => ScoreScaling.Unit(scores);
}
