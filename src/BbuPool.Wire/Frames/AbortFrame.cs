namespace BbuPool.Wire.Frames;

/// <summary>The migration is given up; the source keeps (or resumes) the stack.</summary>
public sealed record AbortFrame : IFrame<AbortFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>int: the <see cref="AbortReason"/> code.</summary>
        public const int Reason = 0;

        /// <summary>str: a human-readable detail (optional).</summary>
        public const int Message = 1;

        /// <summary>bool: whether the sender holds a running copy of the stack (optional; absent: unknown).</summary>
        public const int SenderRunning = 2;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.Abort;

    /// <summary>Why; a code this build does not know is kept as its number.</summary>
    public AbortReason Reason { get; init; }

    /// <summary>A human-readable detail; null when none.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// Whether the sender still runs the stack; null when it did not say. A destination that
    /// aborts without ever running tells the source so, which lets the source resume even after it
    /// sent the execution state (the one running copy is then the source's).
    /// </summary>
    public bool? SenderRunning { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, AbortFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(1 + WireFields.Count(value.Message is not null) + WireFields.Count(value.SenderRunning.HasValue));
        writer.Write(Fields.Reason);
        writer.Write((int)value.Reason);
        if (value.Message is { } message)
        {
            WireFields.Write(ref writer, Fields.Message, message);
        }

        if (value.SenderRunning is { } running)
        {
            writer.Write(Fields.SenderRunning);
            writer.Write(running);
        }
    }

    /// <inheritdoc/>
    public static AbortFrame Read(ref MessagePackReader reader)
    {
        var reason = AbortReason.Unspecified;
        string? message = null;
        bool? running = null;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.Reason: reason = (AbortReason)reader.ReadInt32(); break;
                case Fields.Message: message = reader.ReadNullableString(); break;
                case Fields.SenderRunning: running = reader.ReadBoolean(); break;
                default: reader.Skip(); break;
            }
        }

        return new AbortFrame { Reason = reason, Message = message, SenderRunning = running };
    }
}
