namespace BbuPool.Wire.Frames;

/// <summary>The stack's execution state (scheduler, HARQ, timers, registers) captured at the stop, as one opaque blob.</summary>
public sealed record ExecutionStateFrame : IFrame<ExecutionStateFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: the last TTI the state reflects.</summary>
        public const int LastTti = 0;

        /// <summary>bin: the state blob.</summary>
        public const int State = 1;

        /// <summary>timestamp: when it was captured.</summary>
        public const int CapturedAt = 2;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.ExecutionState;

    /// <summary>The last TTI the state reflects.</summary>
    public long LastTti { get; init; }

    /// <summary>The state blob; its layout belongs to the stack (BbuPool.Migration).</summary>
    public ReadOnlyMemory<byte> State { get; init; }

    /// <summary>When it was captured (source clock).</summary>
    public DateTimeOffset CapturedAt { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, ExecutionStateFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(3);
        writer.Write(Fields.LastTti);
        writer.Write(value.LastTti);
        writer.Write(Fields.State);
        writer.Write(value.State.Span);
        WireFields.Write(ref writer, Fields.CapturedAt, value.CapturedAt);
    }

    /// <summary>Reads the frame; the state blob is copied out of the input (use <see cref="Read(ReadOnlyMemory{byte})"/> to slice instead).</summary>
    public static ExecutionStateFrame Read(ref MessagePackReader reader) => Read(ref reader, default);

    /// <summary>Reads the frame from a whole body; the state blob is a slice of <paramref name="body"/>, not a copy.</summary>
    public static ExecutionStateFrame Read(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body.Span);
        return Read(ref reader, body);
    }

    private static ExecutionStateFrame Read(ref MessagePackReader reader, ReadOnlyMemory<byte> source)
    {
        long lastTti = 0;
        ReadOnlyMemory<byte> state = default;
        DateTimeOffset at = default;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.LastTti:
                    lastTti = reader.ReadInt64();
                    break;
                case Fields.State:
                    int length = reader.ReadBinaryHeader();
                    int offset = reader.Position;
                    var bytes = reader.ReadRaw(length);
                    state = source.IsEmpty ? bytes.ToArray() : source.Slice(offset, length);
                    break;
                case Fields.CapturedAt:
                    at = reader.ReadDateTimeOffset();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ExecutionStateFrame { LastTti = lastTti, State = state, CapturedAt = at };
    }
}
