using BbuPool.Migration.State;
using BbuPool.Wire;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>Reads the bytes of one page to send.</summary>
internal delegate ReadOnlySpan<byte> PageSource(int page);

/// <summary>
/// Builds one pages frame: elides zero pages, delta-encodes re-sent pages, and copies every other
/// page once, from its source straight into the frame (and from there into the delta cache), so
/// the bytes sent and the bytes cached are the same even while the stack writes. A page the stack
/// writes while it is read is dirty again and goes in a later round; a delta is encoded from a
/// snapshot, since encoder and cache must see the same bytes.
/// </summary>
/// <remarks>
/// The page source must stay readable from <see cref="Prepare"/> until <see cref="WriteBody"/>.
/// Reading raw pages in place dropped the snapshot copy of every page, tagging zero pages dropped
/// their copy into the cache, and round 0 no longer fills the cache at all: see docs/migration-benchmarks.md.
/// </remarks>
internal sealed class PageBatchBuilder : IDisposable
{
    // A delta is worth sending when it saves a quarter of the page (QEMU sends raw past ~page size).
    private const int DeltaLimit = PageRegion.PageSize * 3 / 4;

    private readonly DeltaCache? _cache;
    private readonly bool _zeroElision;
    private readonly PageRegion? _origin;
    // Rented: two 256 KiB large-object arrays per migration end were a gen-2 collection every few
    // migrations, and a collection suspends the TTI threads.
    private byte[] _snap;
    private byte[] _delta;
    private readonly PageEncoding[] _encodings;
    private readonly int[] _lengths;
    private readonly int[] _pages;
    private PageSource? _source;
    private bool _caching;
    private int _count;
    private int _round;
    private long _requestId;

    /// <summary>
    /// A builder of frames of up to <paramref name="maxPages"/> pages. Pages that
    /// <paramref name="origin"/>, the region every page source reads from or copies, still holds
    /// pristine are sent as zero pages without being read: the scan that proves a page zero reads
    /// all of it, and half the reference stack's pages are zero (perf, pre-copy 64 MiB at 10 %:
    /// the scan was 7.4 % of the process's samples, a third of the source's).
    /// </summary>
    public PageBatchBuilder(int maxPages, DeltaCache? cache, bool zeroElision, PageRegion? origin = null)
    {
        _cache = cache;
        _zeroElision = zeroElision;
        _origin = origin;
        _snap = MigrationBuffers.Bytes.Rent(PageRegion.PageSize);
        _delta = MigrationBuffers.Bytes.Rent(maxPages * PageRegion.PageSize);
        _encodings = new PageEncoding[maxPages];
        _lengths = new int[maxPages];
        _pages = new int[maxPages];
    }

    public int Capacity => _pages.Length;

    /// <summary>
    /// Bytes of a whole pages frame besides its page entries, at most: the envelope, the pages
    /// header, and 256 bytes of slack, since the MessagePack writer asks its output for at least
    /// 256 bytes at a time and a frame written in place (into ring slots) cannot grow.
    /// </summary>
    public const int MaxFrameOverheadBytes = FrameEnvelope.HeaderSize + PagesFrame.MaxHeaderBytes + 256;

    /// <summary>The most bytes the whole frame of the prepared batch takes (see <see cref="MaxFrameOverheadBytes"/>).</summary>
    public int MaxFrameBytes => MaxFrameOverheadBytes + (_count * (PageRegion.PageSize + PagesFrame.MaxEntryOverhead));

    /// <summary>Returns the rented buffers; the builder must not be used after this.</summary>
    public void Dispose()
    {
        MigrationBuffers.ReturnOnce(MigrationBuffers.Bytes, ref _snap);
        MigrationBuffers.ReturnOnce(MigrationBuffers.Bytes, ref _delta);
    }

    public long ZeroPages { get; private set; }

    public long DeltaPages { get; private set; }

    public long RawPages { get; private set; }

    /// <summary>Chooses each page's encoding; zero pages and deltas are settled here, raw pages are read in <see cref="WriteBody"/>.</summary>
    public void Prepare(PageSource source, ReadOnlySpan<int> pages, int round, long requestId, bool useDelta)
    {
        _source = source;
        // Raw pages are cached only in re-send rounds, as QEMU's xbzrle skips its bulk stage: in
        // round 0 a copy of every page went into a cache that keeps a quarter of a 256 MiB image
        // and serves only the few pages sent again.
        _caching = useDelta;
        _count = pages.Length;
        _round = round;
        _requestId = requestId;
        var snap = _snap.AsSpan(0, PageRegion.PageSize);
        for (int i = 0; i < pages.Length; i++)
        {
            int page = pages[i];
            _pages[i] = page;
            // A pristine page was never handed out since allocation, so it is still zero (pristine
            // is never regained): no need to read it.
            bool pristine = _zeroElision && _origin is { } origin && origin.IsPristine(page);
            var live = pristine ? default : source(page);
            if (_zeroElision && (pristine || !live.ContainsAnyExcept((byte)0)))
            {
                // Sent as zero: what the peer will hold, whatever the stack writes next.
                _encodings[i] = PageEncoding.Zero;
                _lengths[i] = 0;
                _cache?.PutZero(page);
                ZeroPages++;
            }
            else if (useDelta && _cache is not null && _cache.TryGet(page) is { IsEmpty: false } previous
                && Snapshot(live, snap) is var copy
                && PageDelta.Encode(previous, copy, _delta.AsSpan(i * PageRegion.PageSize, PageRegion.PageSize), DeltaLimit) is var len and >= 0)
            {
                _encodings[i] = PageEncoding.DeltaXbzrle;
                _lengths[i] = len;
                _cache.Put(page, copy);
                DeltaPages++;
            }
            else
            {
                _encodings[i] = PageEncoding.Raw;
                _lengths[i] = PageRegion.PageSize;
                RawPages++;
            }
        }
    }

    public void WriteBody(ref MessagePackWriter writer)
    {
        var source = _source ?? throw new InvalidOperationException("Prepare a batch first.");
        PagesFrame.WriteHeader(ref writer, _round, _requestId, PageRegion.PageSize, _count);
        for (int i = 0; i < _count; i++)
        {
            int page = _pages[i];
            switch (_encodings[i])
            {
                case PageEncoding.Zero:
                    PagesFrame.WritePage(ref writer, (ulong)page, PageEncoding.Zero, default);
                    break;
                case PageEncoding.DeltaXbzrle:
                    PagesFrame.WritePage(ref writer, (ulong)page, PageEncoding.DeltaXbzrle, _delta.AsSpan(i * PageRegion.PageSize, _lengths[i]));
                    break;
                default:
                    var sent = PagesFrame.BeginPage(ref writer, (ulong)page, PageEncoding.Raw, PageRegion.PageSize);
                    source(page).CopyTo(sent);
                    if (_caching)
                    {
                        _cache?.Put(page, sent);
                    }

                    writer.Advance(PageRegion.PageSize);
                    break;
            }
        }

        _source = null;
    }

    private static Span<byte> Snapshot(ReadOnlySpan<byte> live, Span<byte> snap)
    {
        live.CopyTo(snap);
        return snap;
    }
}
