using BbuPool.Migration.State;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// A consistent cut of a running stack's changes, taken on its TTI thread at the boundary after
/// <paramref name="LastTti"/>: the pages dirtied since the previous harvest and their bytes at that
/// instant. The hot-standby cut (source) and post-copy's reverse checkpoints (destination) are both
/// one of these.
/// </summary>
/// <param name="LastTti">The last TTI the cut includes.</param>
/// <param name="Pages">Page indices, ascending.</param>
/// <param name="Staging">The pages' bytes, 4 KiB each in the order of <paramref name="Pages"/> (rented: dispose the cut once sent).</param>
internal sealed record PageCut(long LastTti, int[] Pages, byte[] Staging) : IDisposable
{
    private Dictionary<int, int>? _index;
    private int _returned;

    // The harvest's list, one per thread: cuts are taken on TTI threads, which are pooled
    // (ParkedThreads), so a thread grows its list once and reuses it for every later cut, with no
    // lock on the TTI path and nothing shared with the sources' page lists (PageListPool).
    [ThreadStatic]
    private static List<int>? t_harvest;

    /// <summary>
    /// Harvests <paramref name="region"/>'s dirty pages and copies them aside (call on the stack
    /// thread, at a boundary). The staging is rented: a fresh array here was a large-object
    /// allocation, zeroed, on the TTI thread (hundreds of KiB for a hot-standby cut of 64 MiB).
    /// The harvest's list is the thread's own, so once it has grown a cut allocates only itself
    /// and its page array (4 bytes a page: 14-50 pages in a hot-standby cut of 64 MiB at 30 %).
    /// </summary>
    public static PageCut Take(PageRegion region, long lastTti)
    {
        var dirty = t_harvest ??= [];
        dirty.Clear();
        region.HarvestDirty(dirty);
        var staging = MigrationBuffers.Bytes.Rent(Math.Max(1, dirty.Count * PageRegion.PageSize));
        for (int i = 0; i < dirty.Count; i++)
        {
            region.Page(dirty[i]).CopyTo(staging.AsSpan(i * PageRegion.PageSize));
        }

        return new PageCut(lastTti, dirty.ToArray(), staging);
    }

    /// <summary>The cut's copy of <paramref name="page"/> (one of <see cref="Pages"/>).</summary>
    public ReadOnlySpan<byte> Bytes(int page)
    {
        _index ??= Pages.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        return Staging.AsSpan(_index[page] * PageRegion.PageSize, PageRegion.PageSize);
    }

    /// <summary>Returns the staging to the pool; the cut's bytes are gone after this.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            MigrationBuffers.Bytes.Return(Staging);
        }
    }
}
