using System.Runtime.CompilerServices;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// Deterministic, stateless pseudo-random numbers: a SplitMix64 finaliser over (seed, salt, cell, index).
/// About 2 ns per value and no state to share, so any cell at any time can be sampled in any order
/// and the same seed always gives the same numbers (System.Random would need one object per cell).
/// </summary>
internal static class NoiseHash
{
    /// <summary>Odd constants of SplitMix64 (Steele, Lea, Flood 2014): golden-ratio increment and the two mix multipliers.</summary>
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;

    /// <summary>2^-53: maps the top 53 bits to a double in [0, 1).</summary>
    private const double Unit53 = 1.0 / (1UL << 53);

    /// <summary>64 well-mixed bits for the tuple.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ulong seed, ulong salt, long cell, long index)
    {
        var z = seed + (salt * Mix2) + ((ulong)cell * Golden) + ((ulong)index * Mix1) + Golden;
        z = Finalise(z);
        // A second round: one finaliser over a linear combination leaves faint lattice patterns
        // between neighbouring (cell, index) pairs.
        return Finalise(z ^ ((ulong)index * Golden));
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Unit(ulong seed, ulong salt, long cell, long index) => (Hash(seed, salt, cell, index) >> 11) * Unit53;

    /// <summary>Uniform in [-1, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Signed(ulong seed, ulong salt, long cell, long index) => (2 * Unit(seed, salt, cell, index)) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return z ^ (z >> 31);
    }
}
