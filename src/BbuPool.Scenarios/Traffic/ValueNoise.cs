using System.Runtime.CompilerServices;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// Smooth per-cell noise in [-1, 1): a hashed random value at every multiple of the period, linearly
/// blended between them. Independent of the step size (60 s and 1 s steps see the same curve), and the
/// two knot values are cached per cell so a 1 s step costs one hash per period, not two per step.
/// </summary>
internal sealed class ValueNoise
{
    private readonly ulong _seed;
    private readonly ulong _salt;
    private readonly double _inversePeriod;
    private readonly int[] _cells;
    private readonly long[] _knot;
    private readonly double[] _left;
    private readonly double[] _right;

    /// <summary>Noise for <paramref name="cells"/> (scenario cell indices, which key the hash).</summary>
    public ValueNoise(ulong seed, ulong salt, double periodSeconds, int[] cells)
    {
        _seed = seed;
        _salt = salt;
        _inversePeriod = 1 / periodSeconds;
        _cells = cells;
        _knot = new long[cells.Length];
        Array.Fill(_knot, long.MinValue);
        _left = new double[cells.Length];
        _right = new double[cells.Length];
    }

    /// <summary>Noise of entry <paramref name="i"/> at <paramref name="timeSeconds"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double At(int i, double timeSeconds)
    {
        var x = timeSeconds * _inversePeriod;
        var knot = (long)Math.Floor(x);
        if (knot != _knot[i])
        {
            Refill(i, knot);
        }

        var f = x - knot;
        return _left[i] + ((_right[i] - _left[i]) * f);
    }

    private void Refill(int i, long knot)
    {
        var cell = _cells[i];
        _left[i] = knot == _knot[i] + 1 ? _right[i] : NoiseHash.Signed(_seed, _salt, cell, knot);
        _right[i] = NoiseHash.Signed(_seed, _salt, cell, knot + 1);
        _knot[i] = knot;
    }
}
