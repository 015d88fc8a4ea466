namespace BbuPool.Migration.Stacks;

/// <summary>
/// The reference stack's per-TTI working memory (FFT bins and the trace record being built),
/// one set per thread. None of it outlives a TTI, so every stack that runs on a thread can share
/// that thread's set: a TTI thread runs one stack's TTI at a time and never re-enters.
/// </summary>
/// <remarks>
/// Held per stack instead, the 3 x 32 KiB of bins and the 8 KiB record were allocated for every
/// stack created, which in <c>bench migration</c> is every migration's destination: 44 % of the
/// bytes sampled by GC allocation ticks in a hot-standby run (36 of 81 MB), and what brought on
/// the collections that fell inside cells. TTI threads are pooled (ParkedThreads), so a thread's
/// set is allocated once and reused by every stack that runs on it; a host makes it before its
/// first TTI (<see cref="IStack.PrepareThread"/>), so no TTI pays for it.
/// </remarks>
internal sealed class TtiScratch
{
    /// <summary>FFT bins: 275 PRBs (NR 100 MHz at 30 kHz) x 12 subcarriers fits in 4096.</summary>
    public const int Bins = 4096;

    [ThreadStatic]
    private static TtiScratch? t_current;

    private byte[] _record = new byte[64];

    /// <summary>Real parts of the bins.</summary>
    public double[] Re { get; } = new double[Bins];

    /// <summary>Imaginary parts of the bins.</summary>
    public double[] Im { get; } = new double[Bins];

    /// <summary>Power per bin, summed over antennas.</summary>
    public double[] Power { get; } = new double[Bins];

    /// <summary>The calling thread's set, created on its first use.</summary>
    public static TtiScratch Current => t_current ??= new TtiScratch();

    /// <summary>A record buffer of at least <paramref name="bytes"/> bytes (grown once, then kept).</summary>
    public byte[] Record(int bytes)
    {
        if (_record.Length < bytes)
        {
            _record = new byte[bytes];
        }

        return _record;
    }
}
