namespace BbuPool.Migration.Protocol;

/// <summary>
/// The last sent copy of recently sent pages, direct-mapped like QEMU's xbzrle cache: bounded,
/// allocation-free after construction. A page whose slot holds another page is sent raw.
/// </summary>
public sealed class DeltaCache
{
    private readonly byte[] _data;
    private readonly int[] _tags;
    private readonly int _pageSize;

    /// <summary>Creates a cache of at most <paramref name="bytes"/> (at least one page).</summary>
    public DeltaCache(long bytes, int pageSize, int pageCount)
    {
        _pageSize = pageSize;
        int slots = (int)Math.Clamp(bytes / pageSize, 1, Math.Max(1, pageCount));
        _data = new byte[(long)slots * pageSize];
        _tags = new int[slots];
        Array.Fill(_tags, -1);
    }

    /// <summary>The previously sent copy of <paramref name="page"/>, or empty when not cached.</summary>
    public ReadOnlySpan<byte> TryGet(int page)
    {
        int slot = page % _tags.Length;
        return _tags[slot] == page ? _data.AsSpan(slot * _pageSize, _pageSize) : default;
    }

    /// <summary>Records <paramref name="bytes"/> as the copy of <paramref name="page"/> just sent.</summary>
    public void Put(int page, ReadOnlySpan<byte> bytes)
    {
        int slot = page % _tags.Length;
        _tags[slot] = page;
        bytes.CopyTo(_data.AsSpan(slot * _pageSize, _pageSize));
    }
}
