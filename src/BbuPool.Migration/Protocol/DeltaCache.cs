using BbuPool.Migration.State;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// The last sent copy of recently sent pages, direct-mapped like QEMU's xbzrle cache: bounded,
/// allocation-free after construction. A page whose slot holds another page is sent raw. The
/// copies live in huge-page native memory (<see cref="NativePages"/>): a 64 MiB managed array
/// was zeroed by the GC page by page at every migration start and then sat on the large object heap.
/// </summary>
public sealed unsafe class DeltaCache : IDisposable
{
    // The largest page a cache serves its zero copy for (the engine's pages are 4 KiB).
    private const int MaxZeroPage = 64 * 1024;

    private static readonly byte[] ZeroPage = new byte[MaxZeroPage];

    private readonly byte* _data;
    private readonly nuint _bytes;
    // Per slot: 0 empty, page + 1 when the slot holds the page's copy, -(page + 1) when the page
    // was last sent as a zero page: tagged, not copied (half of a stack image is zero pages, and
    // copying them into the cache was a quarter of a round's memory traffic). Rented: a fresh
    // 64 KiB tag array and a 16 KiB flag array per migration were a fifth of its allocations.
    private int[] _tags;
    // Slots ever written with a page's copy, one bit each: only they are cleared on dispose, and
    // the memory parks as zeroed. A scrub of the whole cache (a 64 MiB memset by default) was 7 %
    // of a pre-copy's samples (perf, 64 MiB at 10 %), on the source just after the switch, where
    // a 10 % load re-sends, and so caches, a few hundred pages.
    private long[] _written;
    private readonly int _slots;
    private readonly int _pageSize;
    private int _disposed;

    /// <summary>Creates a cache of at most <paramref name="bytes"/> (at least one page).</summary>
    public DeltaCache(long bytes, int pageSize, int pageCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxZeroPage);
        _pageSize = pageSize;
        _slots = (int)Math.Clamp(bytes / pageSize, 1, Math.Max(1, pageCount));
        _bytes = (nuint)_slots * (nuint)pageSize;
        _data = NativePages.Allocate(_bytes, pageSize);
        _tags = MigrationBuffers.Ints.Rent(_slots);
        Array.Clear(_tags, 0, _slots);
        _written = MigrationBuffers.Longs.Rent((_slots + 63) >> 6);
        Array.Clear(_written, 0, (_slots + 63) >> 6);
    }

    /// <summary>The previously sent copy of <paramref name="page"/>, or empty when not cached.</summary>
    public ReadOnlySpan<byte> TryGet(int page)
    {
        int tag = Tags[page % _slots];
        if (tag == page + 1)
        {
            return Slot(page % _slots);
        }

        return tag == -(page + 1) ? ZeroPage.AsSpan(0, _pageSize) : default;
    }

    /// <summary>Records <paramref name="bytes"/> as the copy of <paramref name="page"/> just sent.</summary>
    public void Put(int page, ReadOnlySpan<byte> bytes)
    {
        int slot = page % _slots;
        Tags[slot] = page + 1;
        _written[slot >> 6] |= 1L << (slot & 63);
        bytes.CopyTo(Slot(slot));
    }

    /// <summary>Records that <paramref name="page"/> was just sent as a zero page.</summary>
    public void PutZero(int page) => Tags[page % _slots] = -(page + 1);

    /// <summary>Frees the copies.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            for (int w = 0; w < (_slots + 63) >> 6; w++)
            {
                for (long bits = _written[w]; bits != 0; bits &= bits - 1)
                {
                    int slot = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    SlotBytes(slot).Clear();
                }
            }

            NativePages.Free(_data, _bytes, zeroed: true);
            MigrationBuffers.ReturnOnce(MigrationBuffers.Ints, ref _tags);
            MigrationBuffers.ReturnOnce(MigrationBuffers.Longs, ref _written);
        }
    }

    private int[] Tags
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return _tags;
        }
    }

    private Span<byte> Slot(int slot)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return SlotBytes(slot);
    }

    private Span<byte> SlotBytes(int slot) => new(_data + ((nuint)slot * (nuint)_pageSize), _pageSize);
}
