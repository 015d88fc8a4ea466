namespace BbuPool.Wire.Frames;

/// <summary>The migration is final: the destination owns the stack and the source may free its state.</summary>
public sealed record CommitFrame : IFrame<CommitFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>str: the migration id.</summary>
        public const int MigrationId = 0;

        /// <summary>timestamp: when it committed.</summary>
        public const int CommittedAt = 1;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.Commit;

    /// <summary>The migration id.</summary>
    public required string MigrationId { get; init; }

    /// <summary>When it committed.</summary>
    public DateTimeOffset CommittedAt { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, CommitFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(2);
        WireFields.Write(ref writer, Fields.MigrationId, value.MigrationId);
        WireFields.Write(ref writer, Fields.CommittedAt, value.CommittedAt);
    }

    /// <inheritdoc/>
    public static CommitFrame Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        string? migrationId = null;
        DateTimeOffset at = default;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.MigrationId: migrationId = reader.ReadString(); break;
                case Fields.CommittedAt: at = reader.ReadDateTimeOffset(); break;
                default: reader.Skip(); break;
            }
        }

        return new CommitFrame
        {
            MigrationId = migrationId ?? throw WireFields.Missing(nameof(CommitFrame), Fields.MigrationId, nameof(MigrationId), start),
            CommittedAt = at,
        };
    }
}
