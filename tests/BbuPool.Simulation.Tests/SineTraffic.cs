using BbuPool.Core.Model;
using BbuPool.Core.Traffic;

namespace BbuPool.Simulation.Tests;

/// <summary>A day-shaped load for engine tests: every cell follows one sine with a per-cell phase and seeded jitter.</summary>
internal sealed class SineTraffic(int cells, ulong seed) : ITrafficSource
{
    public int CellCount => cells;

    public void Sample(double timeSeconds, Span<LoadSample> loads)
    {
        for (var c = 0; c < loads.Length; c++)
        {
            var phase = (c % 7) / 7.0;
            var jitter = ((seed * 0x9E3779B97F4A7C15UL) ^ (ulong)(c * 31)) % 100 / 1000.0;
            var u = 0.5 + (0.45 * Math.Sin((2 * Math.PI * ((timeSeconds / 86400) + phase)) + jitter));
            loads[c] = new LoadSample(Math.Clamp(u, 0.05, 1), 8 + (18 * u), 10 + (150 * u));
        }
    }
}
