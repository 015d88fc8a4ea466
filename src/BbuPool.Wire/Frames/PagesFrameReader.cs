namespace BbuPool.Wire.Frames;

/// <summary>Reads a pages frame body: the fields first (validated with every page entry), then each page as a slice of the body.</summary>
public ref struct PagesFrameReader
{
    private MessagePackReader _pages;
    private readonly int _pagesOffset;
    private int _remaining;

    /// <summary>Parses the fields and checks every page entry of <paramref name="body"/>; throws <see cref="MessagePackFormatException"/> when malformed.</summary>
    public PagesFrameReader(ReadOnlySpan<byte> body)
    {
        var reader = new MessagePackReader(body);
        _pagesOffset = body.Length;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case PagesFrame.Fields.Round: Round = reader.ReadInt32(); break;
                case PagesFrame.Fields.RequestId: RequestId = reader.ReadInt64(); break;
                case PagesFrame.Fields.PageSize: PageSize = reader.ReadInt32(); break;
                case PagesFrame.Fields.Pages:
                    _pagesOffset = reader.Position;
                    Count = reader.ReadArrayHeader();
                    for (int p = 0; p < Count; p++)
                    {
                        _ = ReadEntry(ref reader, 0);
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        _pages = new MessagePackReader(body[_pagesOffset..]);
        if (Count > 0)
        {
            _pages.ReadArrayHeader();
        }

        _remaining = Count;
    }

    /// <summary>The pre-copy round (0 for post-copy answers).</summary>
    public int Round { get; }

    /// <summary>The page request this answers; 0 when pushed.</summary>
    public long RequestId { get; }

    /// <summary>Bytes per page.</summary>
    public int PageSize { get; }

    /// <summary>Pages in the frame.</summary>
    public int Count { get; }

    /// <summary>Yields the next page, or false after the last.</summary>
    public bool TryReadNext(out PageView page)
    {
        if (_remaining == 0)
        {
            page = default;
            return false;
        }

        _remaining--;
        page = ReadEntry(ref _pages, _pagesOffset);
        return true;
    }

    private static PageView ReadEntry(scoped ref MessagePackReader reader, int baseOffset)
    {
        int start = reader.Position;
        int fields = reader.ReadArrayHeader();
        if (fields < 3)
        {
            throw new MessagePackFormatException($"A page entry has [index, encoding, data], not {fields} elements.", baseOffset + start);
        }

        ulong index = reader.ReadUInt64();
        var encoding = (PageEncoding)reader.ReadByte();
        int length = reader.ReadBinaryHeader();
        int dataOffset = baseOffset + reader.Position;
        var data = reader.ReadRaw(length);

        // Elements a newer version appends to an entry are skipped.
        for (int extra = fields - 3; extra > 0; extra--)
        {
            reader.Skip();
        }

        return new PageView(index, encoding, data, dataOffset);
    }
}
