using System.Numerics;

namespace BbuPool.Migration.State;

/// <summary>Dirty-page tracking: one bit per page, set by writers, harvested by the migration engine.</summary>
public sealed partial class PageRegion
{
    /// <summary>Marks the pages covering [offset, offset + length) dirty. Call after writing them.</summary>
    public void MarkDirty(long offset, int length)
    {
        if (!PagesUnder(offset, length, out int first, out int last))
        {
            return;
        }

        for (int p = first; p <= last; p++)
        {
            MarkPageDirty(p);
        }
    }

    /// <summary>Marks one page dirty (a full fence, so the bytes written before are visible to the tracker).</summary>
    public void MarkPageDirty(int page)
    {
        ulong bit = 1UL << (page & 63);
        ref ulong word = ref _dirty[page >> 6];
        if ((Volatile.Read(ref word) & bit) == 0)
        {
            Interlocked.Or(ref word, bit);
        }
        else
        {
            // Already dirty: the fence still orders this write before a later harvest's copy.
            Interlocked.MemoryBarrier();
        }
    }

    /// <summary>Marks every page dirty (round 0 of pre-copy sends everything).</summary>
    public void MarkAllDirty()
    {
        for (int w = 0; w < _dirty.Length; w++)
        {
            Volatile.Write(ref _dirty[w], WordMask(w));
        }

        Interlocked.MemoryBarrier();
    }

    /// <summary>Clears every dirty bit.</summary>
    public void ClearDirty()
    {
        for (int w = 0; w < _dirty.Length; w++)
        {
            Volatile.Write(ref _dirty[w], 0UL);
        }

        Interlocked.MemoryBarrier();
    }

    /// <summary>Number of dirty pages now (a snapshot; writers may add more).</summary>
    public int DirtyCount
    {
        get
        {
            int n = 0;
            for (int w = 0; w < _dirty.Length; w++)
            {
                n += BitOperations.PopCount(Volatile.Read(ref _dirty[w]));
            }

            return n;
        }
    }

    /// <summary>True when the page's dirty bit is set.</summary>
    public bool IsDirty(int page) => (Volatile.Read(ref _dirty[page >> 6]) & (1UL << (page & 63))) != 0;

    /// <summary>
    /// Atomically takes and clears the dirty bits, appending the page numbers to <paramref name="pages"/>
    /// in ascending order; returns how many were taken.
    /// </summary>
    public int HarvestDirty(List<int> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        int n = 0;
        for (int w = 0; w < _dirty.Length; w++)
        {
            if (Volatile.Read(ref _dirty[w]) == 0)
            {
                continue;
            }

            ulong bits = Interlocked.Exchange(ref _dirty[w], 0UL);
            while (bits != 0)
            {
                int b = BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                pages.Add((w << 6) | b);
                n++;
            }
        }

        return n;
    }

    private ulong WordMask(int word)
    {
        int remaining = PageCount - (word << 6);
        return remaining >= 64 ? ulong.MaxValue : (1UL << remaining) - 1;
    }
}
