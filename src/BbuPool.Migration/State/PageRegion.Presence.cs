namespace BbuPool.Migration.State;

/// <summary>Presence tracking for post-copy: a page absent at the destination faults on first access.</summary>
public sealed partial class PageRegion
{
    /// <summary>Number of pages present (all, outside post-copy).</summary>
    public int PresentCount => PopCount(_present);

    /// <summary>True when the page's bytes are here.</summary>
    public bool IsPresent(int page) => (Volatile.Read(ref _present[page >> 6]) & (1UL << (page & 63))) != 0;

    /// <summary>
    /// Marks every page absent and routes accesses through <paramref name="handler"/> until
    /// <see cref="DetachFaultHandler"/> (a destination that resumed before its pages arrived).
    /// </summary>
    public void AttachFaultHandler(IPageFaultHandler handler, bool markAllAbsent)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (markAllAbsent)
        {
            for (int w = 0; w < _present.Length; w++)
            {
                Volatile.Write(ref _present[w], 0UL);
            }
        }

        Volatile.Write(ref _faultHandler, handler);
    }

    /// <summary>Stops fault checks (every page has arrived).</summary>
    public void DetachFaultHandler() => Volatile.Write(ref _faultHandler, null);

    /// <summary>Marks a page present (its bytes are final for this migration).</summary>
    public void SetPresent(int page) => Interlocked.Or(ref _present[page >> 6], 1UL << (page & 63));

    /// <summary>Marks a page absent (post-copy: its bytes are stale until they arrive).</summary>
    public void ClearPresent(int page) => Interlocked.And(ref _present[page >> 6], ~(1UL << (page & 63)));

    /// <summary>Marks every page present.</summary>
    public void SetAllPresent()
    {
        for (int w = 0; w < _present.Length; w++)
        {
            Volatile.Write(ref _present[w], WordMask(w));
        }
    }

    /// <summary>Appends the pages not yet present, ascending.</summary>
    public void CollectAbsent(List<int> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        for (int p = 0; p < PageCount; p++)
        {
            if (!IsPresent(p))
            {
                pages.Add(p);
            }
        }
    }

    private void EnsurePresent(IPageFaultHandler handler, long offset, int length)
    {
        if (!PagesUnder(offset, length, out int first, out int last))
        {
            return;
        }

        for (int p = first; p <= last; p++)
        {
            if (!IsPresent(p))
            {
                handler.OnFault(p);
            }
        }
    }
}
