namespace BbuPool.Wire.Frames;

/// <summary>The source stopped the stack at a TTI boundary: downtime starts here.</summary>
public sealed record StopFrame : IFrame<StopFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: the round in progress when the stack stopped.</summary>
        public const int Round = 0;

        /// <summary>int: the last TTI completed at the source.</summary>
        public const int LastTti = 1;

        /// <summary>timestamp: when the stack stopped.</summary>
        public const int StoppedAt = 2;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.Stop;

    /// <summary>The round in progress when the stack stopped.</summary>
    public int Round { get; init; }

    /// <summary>The last TTI completed at the source.</summary>
    public long LastTti { get; init; }

    /// <summary>When the stack stopped (source clock).</summary>
    public DateTimeOffset StoppedAt { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, StopFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(3);
        writer.Write(Fields.Round);
        writer.Write(value.Round);
        writer.Write(Fields.LastTti);
        writer.Write(value.LastTti);
        WireFields.Write(ref writer, Fields.StoppedAt, value.StoppedAt);
    }

    /// <inheritdoc/>
    public static StopFrame Read(ref MessagePackReader reader)
    {
        int round = 0;
        long lastTti = 0;
        DateTimeOffset at = default;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.Round: round = reader.ReadInt32(); break;
                case Fields.LastTti: lastTti = reader.ReadInt64(); break;
                case Fields.StoppedAt: at = reader.ReadDateTimeOffset(); break;
                default: reader.Skip(); break;
            }
        }

        return new StopFrame { Round = round, LastTti = lastTti, StoppedAt = at };
    }
}
