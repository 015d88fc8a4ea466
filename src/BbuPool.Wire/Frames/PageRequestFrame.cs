using System.Collections.Immutable;

namespace BbuPool.Wire.Frames;

/// <summary>Post-copy: the destination asks for the pages it faulted on (or pre-pages around them).</summary>
public sealed record PageRequestFrame : IFrame<PageRequestFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: request id, echoed in the pages frame that answers.</summary>
        public const int RequestId = 0;

        /// <summary>array of int: page indices.</summary>
        public const int PageIndices = 1;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.PageRequest;

    /// <summary>Request id, echoed in the pages frame that answers it.</summary>
    public long RequestId { get; init; }

    /// <summary>The page indices wanted, most urgent first.</summary>
    public ImmutableArray<ulong> PageIndices { get; init; } = [];

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, PageRequestFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(2);
        writer.Write(Fields.RequestId);
        writer.Write(value.RequestId);
        WireFields.Write(ref writer, Fields.PageIndices, value.PageIndices);
    }

    /// <inheritdoc/>
    public static PageRequestFrame Read(ref MessagePackReader reader)
    {
        long requestId = 0;
        ImmutableArray<ulong> indices = [];
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.RequestId: requestId = reader.ReadInt64(); break;
                case Fields.PageIndices: indices = WireFields.ReadUInt64Array(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new PageRequestFrame { RequestId = requestId, PageIndices = indices };
    }

    /// <summary>Equal when the ids and the page indices (element by element) are equal.</summary>
    public bool Equals(PageRequestFrame? other) =>
        other is not null && RequestId == other.RequestId && PageIndices.AsSpan().SequenceEqual(other.PageIndices.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RequestId, PageIndices.Length);
}
