using System.Numerics;
using System.Runtime.InteropServices;

namespace BbuPool.Migration.State;

/// <summary>
/// A stack's state: 4 KiB pages in page-aligned native memory with a dirty bitmap, the unit that
/// every migration method copies. Writers mark pages dirty after writing; the tracker clears bits
/// atomically before copying, so a write racing a copy is always caught by the next round.
/// </summary>
public sealed unsafe partial class PageRegion : IDisposable
{
    /// <summary>Page size in bytes: 4 KiB, the x86-64 and arm64 base page the kernel tracks.</summary>
    public const int PageSize = 4096;

    /// <summary>log2 of <see cref="PageSize"/>.</summary>
    public const int PageShift = 12;

    private readonly byte* _base;
    private readonly ulong[] _dirty;
    private readonly ulong[] _present;
    private IPageFaultHandler? _faultHandler;
    private int _disposed;

    /// <summary>Allocates <paramref name="pageCount"/> zeroed pages (huge-page backed on Linux); all pages start present and clean.</summary>
    public PageRegion(int pageCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageCount, 1);
        PageCount = pageCount;
        nuint bytes = (nuint)pageCount * PageSize;
        // Populated now, on the allocating (engine) thread: left to first touch, a fresh image's
        // faults landed in its stack thread's first TTIs (probe: 8.4 ms of kernel time inside one
        // TTI of a fresh 64 MiB replica). A parked image (IdleImages) is populated already.
        _base = NativePages.Allocate(bytes, PageSize, populate: true);
        int words = (pageCount + 63) >> 6;
        _dirty = new ulong[words];
        _present = new ulong[words];
        _pristine = new ulong[words];
        SetAllPresent();
        SetAllPristine();
    }

    /// <summary>Creates a region big enough for <paramref name="bytes"/> (rounded up to whole pages).</summary>
    public static PageRegion ForBytes(long bytes) => new(checked((int)((bytes + PageSize - 1) >> PageShift)));

    /// <summary>Number of pages.</summary>
    public int PageCount { get; }

    /// <summary>Size in bytes.</summary>
    public long Length => (long)PageCount * PageSize;

    /// <summary>The whole region as bytes; no fault check, no dirty marking (for copies by the engine).</summary>
    public Span<byte> Raw(long offset, int length)
    {
        if ((ulong)offset + (ulong)length > (ulong)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        Touch(offset, length);
        return new Span<byte>(_base + offset, length);
    }

    /// <summary>One page's bytes; no fault check, no dirty marking.</summary>
    public Span<byte> Page(int page)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)page, (uint)PageCount, nameof(page));
        Touch(page);
        return new Span<byte>(_base + ((long)page << PageShift), PageSize);
    }

    /// <summary>One page's bytes to read (a migration sending it): no fault check, and its pristine state stays.</summary>
    public ReadOnlySpan<byte> ReadPage(int page)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)page, (uint)PageCount, nameof(page));
        return new ReadOnlySpan<byte>(_base + ((long)page << PageShift), PageSize);
    }

    /// <summary>
    /// Bytes the stack is about to read or modify: faults missing pages in first (post-copy). Call
    /// <see cref="MarkDirty(long, int)"/> after modifying them.
    /// </summary>
    public Span<byte> Access(long offset, int length)
    {
        if (_faultHandler is { } handler)
        {
            EnsurePresent(handler, offset, length);
        }

        return Raw(offset, length);
    }

    /// <summary>Copies <paramref name="data"/> in at <paramref name="offset"/> and marks the pages dirty.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        data.CopyTo(Access(offset, data.Length));
        MarkDirty(offset, data.Length);
    }

    /// <summary>Overwrites one page with received bytes (destination side) and marks it present.</summary>
    public void StorePage(int page, ReadOnlySpan<byte> data)
    {
        if (data.Length != PageSize)
        {
            throw new ArgumentException("A page is exactly 4096 bytes.", nameof(data));
        }

        data.CopyTo(Page(page));
        SetPresent(page);
    }

    /// <summary>Zeroes one page (a zero page elided on the wire) and marks it present; a pristine page is zero already.</summary>
    public void ZeroPage(int page)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)page, (uint)PageCount, nameof(page));
        if (!IsPristine(page))
        {
            Page(page).Clear();
        }

        SetPresent(page);
    }

    /// <summary>True when the page holds only zero bytes (zero-page elision).</summary>
    public bool IsZeroPage(int page) => !Page(page).ContainsAnyExcept((byte)0);

    /// <summary>
    /// Makes this region's bytes equal to <paramref name="other"/>'s (same page count). A page
    /// pristine in both holds zeros on both sides and is skipped, and stays pristine here; every
    /// other page is copied, in runs of adjacent pages.
    /// </summary>
    /// <remarks>
    /// Redundancy's checkpoint is this copy, taken with the stack paused into a fresh (zeroed)
    /// snapshot. Copying the reference stack's never-touched pages too made that pause 13.5-13.7 ms
    /// at 64 MiB, against 7.2-7.9 ms with this and the snapshot taken before the pause (`bench
    /// migration --set methods=Redundancy`, 30 % load, two runs each; docs/migration-benchmarks.md,
    /// "Redundancy's checkpoint pause").
    /// </remarks>
    public void CopyFrom(PageRegion other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.PageCount != PageCount)
        {
            throw new ArgumentException("Regions differ in size.", nameof(other));
        }

        int run = -1;
        for (int p = 0; p < PageCount; p++)
        {
            bool copy = !(IsPristine(p) && other.IsPristine(p));
            if (copy && run < 0)
            {
                run = p;
            }
            else if (!copy && run >= 0)
            {
                CopyPages(other, run, p);
                run = -1;
            }
        }

        if (run >= 0)
        {
            CopyPages(other, run, PageCount);
        }
    }

    /// <summary>Copies pages [first, end) of <paramref name="other"/> over this region's.</summary>
    private void CopyPages(PageRegion other, int first, int end)
    {
        long offset = (long)first << PageShift;
        long bytes = (long)(end - first) << PageShift;
        Touch(offset, bytes);
        Buffer.MemoryCopy(other._base + offset, _base + offset, bytes, bytes);
    }

    /// <summary>True when both regions hold the same bytes.</summary>
    public bool ContentEquals(PageRegion other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return FirstDifferentPage(other) < 0;
    }

    /// <summary>Index of the first page whose bytes differ, or -1.</summary>
    public int FirstDifferentPage(PageRegion other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.PageCount != PageCount)
        {
            return 0;
        }

        for (int p = 0; p < PageCount; p++)
        {
            if (!Page(p).SequenceEqual(other.Page(p)))
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>A 64-bit content hash (FNV-1a over 8-byte words), for cheap state comparisons.</summary>
    public ulong ContentHash()
    {
        ulong h = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<byte, ulong>(new ReadOnlySpan<byte>(_base, checked((int)Math.Min(Length, int.MaxValue))));
        foreach (ulong w in words)
        {
            h = (h ^ w) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            NativePages.Free(_base, (nuint)PageCount * PageSize);
        }
    }

    /// <summary>The pages under [offset, offset + length): false when the range is empty.</summary>
    private static bool PagesUnder(long offset, long length, out int first, out int last)
    {
        first = (int)(offset >> PageShift);
        last = (int)((offset + length - 1) >> PageShift);
        return length > 0;
    }

    private static int PopCount(ReadOnlySpan<ulong> words)
    {
        int n = 0;
        foreach (ulong w in words)
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }
}
