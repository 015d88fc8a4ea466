namespace BbuPool.Migration.Stacks;

/// <summary>
/// Deterministic per-TTI inputs for a cell at a load level: the same (seed, TTI) always gives the
/// same input, so a replica fed the same TTIs computes the same state.
/// </summary>
public sealed class LoadProfile
{
    /// <summary>Creates a profile.</summary>
    /// <param name="load">PRB utilisation 0..1.</param>
    /// <param name="maxPrbs">Cell bandwidth in PRBs (LTE 20 MHz: 100).</param>
    /// <param name="antennas">Receive antennas.</param>
    /// <param name="maxUes">Most UEs schedulable in one TTI.</param>
    /// <param name="seed">Cell seed.</param>
    public LoadProfile(double load, int maxPrbs = 100, int antennas = 2, int maxUes = 32, ulong seed = 1)
    {
        Load = Math.Clamp(load, 0, 1);
        MaxPrbs = maxPrbs;
        Antennas = antennas;
        MaxUes = maxUes;
        Seed = seed;
    }

    /// <summary>PRB utilisation 0..1.</summary>
    public double Load { get; }

    /// <summary>Cell bandwidth in PRBs.</summary>
    public int MaxPrbs { get; }

    /// <summary>Receive antennas.</summary>
    public int Antennas { get; }

    /// <summary>Most UEs per TTI.</summary>
    public int MaxUes { get; }

    /// <summary>Cell seed.</summary>
    public ulong Seed { get; }

    /// <summary>The input of TTI <paramref name="tti"/>.</summary>
    public TtiInput InputFor(long tti)
    {
        ulong h = Mix(Seed ^ ((ulong)tti * 0x9E3779B97F4A7C15UL));
        // +/-10 % jitter around the load level: traffic is never flat within a second.
        double jitter = 0.9 + (0.2 * ((h & 0xFFFF) / 65535.0));
        double l = Math.Clamp(Load * jitter, 0, 1);
        int prbs = Math.Max(Load > 0 ? 1 : 0, (int)Math.Round(MaxPrbs * l));
        int ues = prbs == 0 ? 0 : Math.Clamp((int)Math.Round(MaxUes * l), 1, MaxUes);
        int mcs = (int)((h >> 16) % 29);
        return new TtiInput(tti, prbs, mcs, ues, Antennas, (uint)(h >> 32));
    }

    /// <summary>SplitMix64 finaliser: a cheap, well-mixed deterministic hash.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
