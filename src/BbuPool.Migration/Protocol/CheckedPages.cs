using BbuPool.Migration.State;
using BbuPool.Wire;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// The entries of a pages frame body, checked against the image they are for: a malformed body,
/// another page size or an index outside the image aborts the migration as a protocol error.
/// Both directions read pages through it (pages to the destination, reverse checkpoints to the
/// source).
/// </summary>
internal ref struct CheckedPages
{
    private readonly int _pageCount;
    private readonly string _what;
    private PagesFrameReader _reader;

    /// <summary>Opens <paramref name="body"/> for an image of <paramref name="pageCount"/> pages; <paramref name="what"/> names the frames in errors.</summary>
    public CheckedPages(ReadOnlySpan<byte> body, int pageCount, string what)
    {
        _pageCount = pageCount;
        _what = what;
        try
        {
            _reader = new PagesFrameReader(body);
        }
        catch (MessagePackFormatException ex)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"Malformed {what} frame: {ex.Message}", ex);
        }

        if (_reader.PageSize != PageRegion.PageSize)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"{what} frame of {_reader.PageSize}-byte pages.");
        }
    }

    /// <summary>The next entry and its page index; false at the end.</summary>
    public bool TryReadNext(out PageView page, out int index)
    {
        if (!_reader.TryReadNext(out page))
        {
            index = -1;
            return false;
        }

        if (page.Index >= (ulong)_pageCount)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"{_what} page {page.Index} outside the image of {_pageCount} pages.");
        }

        index = (int)page.Index;
        return true;
    }
}
