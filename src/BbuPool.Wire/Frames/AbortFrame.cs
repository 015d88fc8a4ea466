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
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.Abort;

    /// <summary>Why; a code this build does not know is kept as its number.</summary>
    public AbortReason Reason { get; init; }

    /// <summary>A human-readable detail; null when none.</summary>
    public string? Message { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, AbortFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(1 + WireFields.Count(value.Message is not null));
        writer.Write(Fields.Reason);
        writer.Write((int)value.Reason);
        if (value.Message is { } message)
        {
            WireFields.Write(ref writer, Fields.Message, message);
        }
    }

    /// <inheritdoc/>
    public static AbortFrame Read(ref MessagePackReader reader)
    {
        var reason = AbortReason.Unspecified;
        string? message = null;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.Reason: reason = (AbortReason)reader.ReadInt32(); break;
                case Fields.Message: message = reader.ReadNullableString(); break;
                default: reader.Skip(); break;
            }
        }

        return new AbortFrame { Reason = reason, Message = message };
    }
}
