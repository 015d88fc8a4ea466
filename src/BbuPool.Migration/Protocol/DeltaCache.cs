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
    private readonly byte* _data;
    private readonly nuint _bytes;
    private readonly int[] _tags;
    // Slots whose page was last sent as a zero page: tagged, not copied (half of a stack image
    // is zero pages, and copying them into the cache was a quarter of a round's memory traffic).
    private readonly bool[] _zero;
    private readonly byte[] _zeroPage;
    private readonly int _pageSize;
    private int _disposed;

    /// <summary>Creates a cache of at most <paramref name="bytes"/> (at least one page).</summary>
    public DeltaCache(long bytes, int pageSize, int pageCount)
    {
        _pageSize = pageSize;
        int slots = (int)Math.Clamp(bytes / pageSize, 1, Math.Max(1, pageCount));
        _bytes = (nuint)slots * (nuint)pageSize;
        _data = NativePages.Allocate(_bytes, pageSize);
        _tags = new int[slots];
        _zero = new bool[slots];
        _zeroPage = new byte[pageSize];
        Array.Fill(_tags, -1);
    }

    /// <summary>The previously sent copy of <paramref name="page"/>, or empty when not cached.</summary>
    public ReadOnlySpan<byte> TryGet(int page)
    {
        int slot = page % _tags.Length;
        if (_tags[slot] != page)
        {
            return default;
        }

        return _zero[slot] ? _zeroPage : Slot(slot);
    }

    /// <summary>Records <paramref name="bytes"/> as the copy of <paramref name="page"/> just sent.</summary>
    public void Put(int page, ReadOnlySpan<byte> bytes)
    {
        int slot = page % _tags.Length;
        _tags[slot] = page;
        _zero[slot] = false;
        bytes.CopyTo(Slot(slot));
    }

    /// <summary>Records that <paramref name="page"/> was just sent as a zero page.</summary>
    public void PutZero(int page)
    {
        int slot = page % _tags.Length;
        _tags[slot] = page;
        _zero[slot] = true;
    }

    /// <summary>Frees the copies.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            NativePages.Free(_data, _bytes);
        }
    }

    private Span<byte> Slot(int slot)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new Span<byte>(_data + ((nuint)slot * (nuint)_pageSize), _pageSize);
    }
}
