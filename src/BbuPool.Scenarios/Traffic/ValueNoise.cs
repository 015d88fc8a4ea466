using System.Runtime.CompilerServices;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// Smooth per-cell noise in [-1, 1): a hashed random value at every multiple of the period, linearly
/// blended between them. Independent of the step size (60 s and 1 s steps see the same curve). The
/// knot and blend factor are the same for every cell, so they are computed once per step
/// (<see cref="Advance"/>), and the knot values are refilled only when the knot changes: at 1 s steps
/// and a 300 s period that is one hash per cell every 300 steps.
/// </summary>
internal sealed class ValueNoise
{
    private readonly ulong _seed;
    private readonly ulong _salt;
    private readonly double _inversePeriod;
    private readonly int[] _cells;
    private readonly double[] _left;
    private readonly double[] _right;
    private long _knot = long.MinValue;

    /// <summary>Noise for <paramref name="cells"/> (scenario cell indices, which key the hash).</summary>
    public ValueNoise(ulong seed, ulong salt, double periodSeconds, int[] cells)
    {
        _seed = seed;
        _salt = salt;
        _inversePeriod = 1 / periodSeconds;
        _cells = cells;
        _left = new double[cells.Length];
        _right = new double[cells.Length];
    }

    /// <summary>Moves to <paramref name="timeSeconds"/> (any order) and returns the blend factor for <see cref="Value"/>.</summary>
    public double Advance(double timeSeconds)
    {
        var x = timeSeconds * _inversePeriod;
        var knot = (long)Math.Floor(x);
        if (knot != _knot)
        {
            var next = knot == _knot + 1;
            for (var i = 0; i < _cells.Length; i++)
            {
                var cell = _cells[i];
                _left[i] = next ? _right[i] : NoiseHash.Signed(_seed, _salt, cell, knot);
                _right[i] = NoiseHash.Signed(_seed, _salt, cell, knot + 1);
            }

            _knot = knot;
        }

        return x - knot;
    }

    /// <summary>Noise of entry <paramref name="i"/> at the time of the last <see cref="Advance"/> (<paramref name="blend"/> is what it returned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Value(int i, double blend) => _left[i] + ((_right[i] - _left[i]) * blend);
}
