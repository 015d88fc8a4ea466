namespace BbuPool.Migration.State;

/// <summary>
/// Page-number lists that outlive their migration: a source rents one when its run starts and
/// returns it when the run ends, and the next migration reuses it.
/// </summary>
/// <remarks>
/// A source needs room for every page number of its region (round 0 sends them all): 64 KiB at
/// 64 MiB and 256 KiB at 256 MiB, the latter on the large-object heap. Allocated per migration,
/// that was the largest allocation left in a hot-standby run of <c>bench migration</c> once the
/// stack's scratch was per thread (6.4 of 44.5 MB sampled by GC allocation ticks). A kept list
/// grows to the largest region it has served and stays that size.
/// </remarks>
internal sealed class PageListPool
{
    // A few migrations at once per process, as MigrationBuffers assumes; more are allocated and dropped.
    private const int DefaultKept = 8;

    private readonly KeptItems<List<int>> _free;

    /// <summary>A pool that keeps up to <paramref name="kept"/> returned lists.</summary>
    public PageListPool(int kept = DefaultKept) => _free = new KeptItems<List<int>>(kept);

    /// <summary>The process's pool, which migration sources use.</summary>
    public static PageListPool Shared { get; } = new();

    /// <summary>An empty list with room for at least <paramref name="pages"/> page numbers.</summary>
    public List<int> Rent(int pages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        var list = _free.TryTake();
        if (list is null)
        {
            return new List<int>(pages);
        }

        if (list.Capacity < pages)
        {
            list.Capacity = pages;
        }

        return list;
    }

    /// <summary>Gives <paramref name="list"/> back; the caller must not touch it afterwards.</summary>
    public void Return(List<int> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        list.Clear();
        _free.Keep(list);
    }
}
