using BbuPool.Core.Cost;
using BbuPool.Core.Pool;

namespace BbuPool.Scheduling.Rebalancing;

/// <summary>
/// EWMA of every cell's per-TTI work (weight policy.LoadSmoothing for the new sample), so that
/// rebalancing, shrinking and consolidation react to trends rather than to one noisy sample.
/// Growth is never smoothed: a stack short of cores misses deadlines at once.
/// </summary>
public sealed class LoadSmoother
{
    private readonly double _alpha;
    private double[] _micros = [];
    private bool _primed;

    /// <summary>Creates a smoother with weight <paramref name="alpha"/> (1 = no smoothing).</summary>
    public LoadSmoother(double alpha)
    {
        _alpha = Math.Clamp(alpha, 0.01, 1);
    }

    /// <summary>Folds this step's demand of every cell in. O(cells), no allocation after the first call.</summary>
    public void Update(PoolState pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (_micros.Length != pool.CellCount)
        {
            _micros = new double[pool.CellCount];
            _primed = false;
        }

        for (var c = 0; c < _micros.Length; c++)
        {
            var x = pool.Demand(c).MicrosPerTti;
            _micros[c] = _primed ? (_alpha * x) + ((1 - _alpha) * _micros[c]) : x;
        }

        _primed = true;
    }

    /// <summary>Smoothed per-TTI work of a cell on the reference core.</summary>
    public double Micros(int cell) => cell < _micros.Length ? _micros[cell] : 0;

    /// <summary>Cores the cell needs on <paramref name="node"/> at its smoothed load, with headroom.</summary>
    public int Cores(PoolState pool, int cell, int node)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return ProcessingCostModel.CoresFor(Micros(cell), pool.NodeFactor(node), pool.TtiOf(cell), pool.Policy.Headroom);
    }
}
