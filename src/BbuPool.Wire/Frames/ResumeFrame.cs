namespace BbuPool.Wire.Frames;

/// <summary>The destination runs the stack from a given TTI: downtime ends here.</summary>
public sealed record ResumeFrame : IFrame<ResumeFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: the first TTI done at the destination.</summary>
        public const int FirstTti = 0;

        /// <summary>timestamp: when it resumed.</summary>
        public const int ResumedAt = 1;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.Resume;

    /// <summary>The first TTI done at the destination.</summary>
    public long FirstTti { get; init; }

    /// <summary>When it resumed (destination clock).</summary>
    public DateTimeOffset ResumedAt { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, ResumeFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(2);
        writer.Write(Fields.FirstTti);
        writer.Write(value.FirstTti);
        WireFields.Write(ref writer, Fields.ResumedAt, value.ResumedAt);
    }

    /// <inheritdoc/>
    public static ResumeFrame Read(ref MessagePackReader reader)
    {
        long firstTti = 0;
        DateTimeOffset at = default;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.FirstTti: firstTti = reader.ReadInt64(); break;
                case Fields.ResumedAt: at = reader.ReadDateTimeOffset(); break;
                default: reader.Skip(); break;
            }
        }

        return new ResumeFrame { FirstTti = firstTti, ResumedAt = at };
    }
}
