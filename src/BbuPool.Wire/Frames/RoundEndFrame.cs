namespace BbuPool.Wire.Frames;

/// <summary>Closes a pre-copy round: what it sent and how many pages are dirty again.</summary>
public sealed record RoundEndFrame : IFrame<RoundEndFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: the round, from 0.</summary>
        public const int Round = 0;

        /// <summary>int: pages sent in the round.</summary>
        public const int PagesSent = 1;

        /// <summary>int: page bytes sent in the round.</summary>
        public const int BytesSent = 2;

        /// <summary>int: pages dirtied again during the round.</summary>
        public const int DirtyPages = 3;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.RoundEnd;

    /// <summary>The round, from 0.</summary>
    public int Round { get; init; }

    /// <summary>Pages sent in the round.</summary>
    public long PagesSent { get; init; }

    /// <summary>Page bytes sent in the round (after per-page encoding).</summary>
    public long BytesSent { get; init; }

    /// <summary>Pages dirtied again while the round ran: the next round's work.</summary>
    public long DirtyPages { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, RoundEndFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(4);
        writer.Write(Fields.Round);
        writer.Write(value.Round);
        writer.Write(Fields.PagesSent);
        writer.Write(value.PagesSent);
        writer.Write(Fields.BytesSent);
        writer.Write(value.BytesSent);
        writer.Write(Fields.DirtyPages);
        writer.Write(value.DirtyPages);
    }

    /// <inheritdoc/>
    public static RoundEndFrame Read(ref MessagePackReader reader)
    {
        int round = 0;
        long pages = 0;
        long bytes = 0;
        long dirty = 0;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.Round: round = reader.ReadInt32(); break;
                case Fields.PagesSent: pages = reader.ReadInt64(); break;
                case Fields.BytesSent: bytes = reader.ReadInt64(); break;
                case Fields.DirtyPages: dirty = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }

        return new RoundEndFrame { Round = round, PagesSent = pages, BytesSent = bytes, DirtyPages = dirty };
    }
}
