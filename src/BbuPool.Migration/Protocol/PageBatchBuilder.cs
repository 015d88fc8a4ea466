using BbuPool.Migration.State;
using BbuPool.Wire;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>Reads the bytes of one page to send.</summary>
internal delegate ReadOnlySpan<byte> PageSource(int page);

/// <summary>
/// Builds one pages frame: snapshots each page once (so the bytes sent, cached and encoded are the
/// same even while the stack writes), elides zero pages, delta-encodes re-sent pages.
/// </summary>
internal sealed class PageBatchBuilder : IDisposable
{
    // A delta is worth sending when it saves a quarter of the page (QEMU sends raw past ~page size).
    private const int DeltaLimit = PageRegion.PageSize * 3 / 4;

    private readonly DeltaCache? _cache;
    private readonly bool _zeroElision;
    // Rented: two 256 KiB large-object arrays per migration end were a gen-2 collection every few
    // migrations, and a collection suspends the TTI threads.
    private byte[] _snap;
    private byte[] _delta;
    private readonly PageEncoding[] _encodings;
    private readonly int[] _lengths;
    private readonly int[] _pages;
    private int _count;
    private int _round;
    private long _requestId;

    public PageBatchBuilder(int maxPages, DeltaCache? cache, bool zeroElision)
    {
        _cache = cache;
        _zeroElision = zeroElision;
        _snap = MigrationBuffers.Bytes.Rent(maxPages * PageRegion.PageSize);
        _delta = MigrationBuffers.Bytes.Rent(maxPages * PageRegion.PageSize);
        _encodings = new PageEncoding[maxPages];
        _lengths = new int[maxPages];
        _pages = new int[maxPages];
    }

    public int Capacity => _pages.Length;

    /// <summary>Returns the rented buffers; the builder must not be used after this.</summary>
    public void Dispose()
    {
        MigrationBuffers.ReturnOnce(MigrationBuffers.Bytes, ref _snap);
        MigrationBuffers.ReturnOnce(MigrationBuffers.Bytes, ref _delta);
    }

    public long ZeroPages { get; private set; }

    public long DeltaPages { get; private set; }

    public long RawPages { get; private set; }

    public void Prepare(PageSource source, ReadOnlySpan<int> pages, int round, long requestId, bool useDelta)
    {
        _count = pages.Length;
        _round = round;
        _requestId = requestId;
        for (int i = 0; i < pages.Length; i++)
        {
            int page = pages[i];
            _pages[i] = page;
            var snap = _snap.AsSpan(i * PageRegion.PageSize, PageRegion.PageSize);
            source(page).CopyTo(snap);
            if (_zeroElision && !snap.ContainsAnyExcept((byte)0))
            {
                _encodings[i] = PageEncoding.Zero;
                _lengths[i] = 0;
                ZeroPages++;
            }
            else if (useDelta && _cache is not null && _cache.TryGet(page) is { IsEmpty: false } previous
                && PageDelta.Encode(previous, snap, _delta.AsSpan(i * PageRegion.PageSize, PageRegion.PageSize), DeltaLimit) is var len and >= 0)
            {
                _encodings[i] = PageEncoding.DeltaXbzrle;
                _lengths[i] = len;
                DeltaPages++;
            }
            else
            {
                _encodings[i] = PageEncoding.Raw;
                _lengths[i] = PageRegion.PageSize;
                RawPages++;
            }

            _cache?.Put(page, snap);
        }
    }

    public void WriteBody(ref MessagePackWriter writer)
    {
        PagesFrame.WriteHeader(ref writer, _round, _requestId, PageRegion.PageSize, _count);
        for (int i = 0; i < _count; i++)
        {
            var data = _encodings[i] switch
            {
                PageEncoding.Zero => ReadOnlySpan<byte>.Empty,
                PageEncoding.DeltaXbzrle => _delta.AsSpan(i * PageRegion.PageSize, _lengths[i]),
                _ => _snap.AsSpan(i * PageRegion.PageSize, PageRegion.PageSize),
            };
            PagesFrame.WritePage(ref writer, (ulong)_pages[i], _encodings[i], data);
        }
    }
}
