namespace BbuPool.Wire.Frames;

/// <summary>A batch of pages: round, request id, page size, then [index, encoding, bytes] per page; written in place, read as slices.</summary>
/// <remarks>
/// Write: <see cref="WriteHeader"/> then exactly <c>pageCount</c> calls of <see cref="WritePage"/> (or
/// <see cref="BeginPage"/> and an advance);
/// each page's bytes are copied once, from the caller's memory into the output. Read:
/// <see cref="PagesFrameReader"/>, which yields slices of the body.
/// </remarks>
public static class PagesFrame
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: the pre-copy round (0 for post-copy answers).</summary>
        public const int Round = 0;

        /// <summary>int: the page request this answers; 0 when pushed.</summary>
        public const int RequestId = 1;

        /// <summary>int: bytes per page.</summary>
        public const int PageSize = 2;

        /// <summary>array of [int index, int encoding, bin data].</summary>
        public const int Pages = 3;
    }

    /// <summary>The envelope type byte.</summary>
    public const FrameType FrameType = Frames.FrameType.Pages;

    /// <summary>Bytes one page entry adds besides its data, at most: fixarray(1) + uint64 index(9) + encoding(1) + bin32 header(5).</summary>
    public const int MaxEntryOverhead = 16;

    /// <summary>Bytes <see cref="WriteHeader"/> writes, at most: map(1) + 4 keys(4) + int32(5) + int64(9) + int32(5) + array32(5).</summary>
    public const int MaxHeaderBytes = 29;

    /// <summary>Writes the fields before the pages and the pages array header for <paramref name="pageCount"/> pages.</summary>
    public static void WriteHeader(ref MessagePackWriter writer, int round, long requestId, int pageSize, int pageCount)
    {
        writer.WriteMapHeader(4);
        writer.Write(Fields.Round);
        writer.Write(round);
        writer.Write(Fields.RequestId);
        writer.Write(requestId);
        writer.Write(Fields.PageSize);
        writer.Write(pageSize);
        writer.Write(Fields.Pages);
        writer.WriteArrayHeader(pageCount);
    }

    /// <summary>Writes one page entry; <paramref name="data"/> is copied once, straight into the output.</summary>
    public static void WritePage(ref MessagePackWriter writer, ulong index, PageEncoding encoding, ReadOnlySpan<byte> data)
    {
        writer.WriteArrayHeader(3);
        writer.Write(index);
        writer.Write((uint)encoding);
        writer.Write(data);
    }

    /// <summary>
    /// Writes one page entry's header and returns the span its <paramref name="length"/> data bytes
    /// go to, for a caller that copies the page in itself (and may read the sent bytes back);
    /// follow it with <c>writer.Advance(length)</c> before the next write.
    /// </summary>
    public static Span<byte> BeginPage(ref MessagePackWriter writer, ulong index, PageEncoding encoding, int length)
    {
        writer.WriteArrayHeader(3);
        writer.Write(index);
        writer.Write((uint)encoding);
        writer.WriteBinaryHeader(length);
        return writer.GetSpan(length)[..length];
    }

    /// <summary>Builds a whole frame of raw pages taken from <paramref name="image"/> (page i at i * pageSize); the output is sized once up front.</summary>
    public static ReadOnlyMemory<byte> WriteRaw(FrameWriter frames, int round, int pageSize, ReadOnlySpan<byte> image, ReadOnlySpan<ulong> indices)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var writer = frames.Begin(FrameType);

        // One reservation for the whole body (64 bytes of fixed fields), so the page copies never trigger a buffer growth mid-frame.
        writer.GetSpan(64 + (indices.Length * (pageSize + MaxEntryOverhead)));
        WriteHeader(ref writer, round, 0, pageSize, indices.Length);
        foreach (ulong index in indices)
        {
            var page = image.Slice(checked((int)index * pageSize), pageSize);
            WritePage(ref writer, index, PageEncoding.Raw, page);
        }

        writer.Flush();
        return frames.Complete();
    }
}
