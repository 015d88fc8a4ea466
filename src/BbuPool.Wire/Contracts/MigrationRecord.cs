namespace BbuPool.Wire.Contracts;

/// <summary>State-plane record: one migration of a cell's stack, with its phase, timestamps and figures.</summary>
public sealed record MigrationRecord : IWireContract<MigrationRecord>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>str: the migration id.</summary>
        public const int MigrationId = 0;

        /// <summary>str: the cell being moved.</summary>
        public const int CellId = 1;

        /// <summary>str: source node.</summary>
        public const int SourceNodeId = 2;

        /// <summary>str: target node.</summary>
        public const int TargetNodeId = 3;

        /// <summary>str: method name.</summary>
        public const int Method = 4;

        /// <summary>str: phase name.</summary>
        public const int Phase = 5;

        /// <summary>timestamp: when it was decided.</summary>
        public const int PlannedAt = 6;

        /// <summary>timestamp: when copying began (optional).</summary>
        public const int StartedAt = 7;

        /// <summary>timestamp: when it committed or aborted (optional).</summary>
        public const int EndedAt = 8;

        /// <summary>float64: downtime in microseconds (optional).</summary>
        public const int DowntimeMicroseconds = 9;

        /// <summary>int: state bytes sent (optional).</summary>
        public const int BytesTransferred = 10;

        /// <summary>str: why it was planned or aborted (optional).</summary>
        public const int Reason = 11;

        /// <summary>int: record version for compare-and-set.</summary>
        public const int Version = 12;
    }

    /// <summary>Unique id of the migration.</summary>
    public required string MigrationId { get; init; }

    /// <summary>The cell being moved.</summary>
    public required string CellId { get; init; }

    /// <summary>Where the stack runs before.</summary>
    public required string SourceNodeId { get; init; }

    /// <summary>Where the stack runs after.</summary>
    public required string TargetNodeId { get; init; }

    /// <summary>Method by name ("Precopy", "Postcopy", "Hybrid", "HotStandby", ...).</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>Phase by name ("Planned", "Running", "Committed", "Aborted").</summary>
    public string Phase { get; init; } = "Planned";

    /// <summary>When it was decided.</summary>
    public DateTimeOffset PlannedAt { get; init; }

    /// <summary>When copying began; null before.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it committed or aborted; null before.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Measured or modelled downtime in microseconds; null when not known yet.</summary>
    public double? DowntimeMicroseconds { get; init; }

    /// <summary>State bytes sent; null when not known yet.</summary>
    public long? BytesTransferred { get; init; }

    /// <summary>Why it was planned or why it aborted.</summary>
    public string? Reason { get; init; }

    /// <summary>Grows by one with every committed change of this record.</summary>
    public long Version { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, MigrationRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int count = 8
            + WireFields.Count(value.StartedAt.HasValue)
            + WireFields.Count(value.EndedAt.HasValue)
            + WireFields.Count(value.DowntimeMicroseconds.HasValue)
            + WireFields.Count(value.BytesTransferred.HasValue)
            + WireFields.Count(value.Reason is not null);
        writer.WriteMapHeader(count);
        WireFields.Write(ref writer, Fields.MigrationId, value.MigrationId);
        WireFields.Write(ref writer, Fields.CellId, value.CellId);
        WireFields.Write(ref writer, Fields.SourceNodeId, value.SourceNodeId);
        WireFields.Write(ref writer, Fields.TargetNodeId, value.TargetNodeId);
        WireFields.Write(ref writer, Fields.Method, value.Method);
        WireFields.Write(ref writer, Fields.Phase, value.Phase);
        WireFields.Write(ref writer, Fields.PlannedAt, value.PlannedAt);
        if (value.StartedAt is { } started)
        {
            WireFields.Write(ref writer, Fields.StartedAt, started);
        }

        if (value.EndedAt is { } ended)
        {
            WireFields.Write(ref writer, Fields.EndedAt, ended);
        }

        if (value.DowntimeMicroseconds is { } downtime)
        {
            writer.Write(Fields.DowntimeMicroseconds);
            writer.Write(downtime);
        }

        if (value.BytesTransferred is { } bytes)
        {
            writer.Write(Fields.BytesTransferred);
            writer.Write(bytes);
        }

        if (value.Reason is { } reason)
        {
            WireFields.Write(ref writer, Fields.Reason, reason);
        }

        writer.Write(Fields.Version);
        writer.Write(value.Version);
    }

    /// <inheritdoc/>
    public static MigrationRecord Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        string? migrationId = null;
        string? cellId = null;
        string? source = null;
        string? target = null;
        string method = string.Empty;
        string phase = "Planned";
        DateTimeOffset plannedAt = default;
        DateTimeOffset? startedAt = null;
        DateTimeOffset? endedAt = null;
        double? downtime = null;
        long? bytes = null;
        string? reason = null;
        long version = 0;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.MigrationId: migrationId = reader.ReadString(); break;
                case Fields.CellId: cellId = reader.ReadString(); break;
                case Fields.SourceNodeId: source = reader.ReadString(); break;
                case Fields.TargetNodeId: target = reader.ReadString(); break;
                case Fields.Method: method = reader.ReadString(); break;
                case Fields.Phase: phase = reader.ReadString(); break;
                case Fields.PlannedAt: plannedAt = reader.ReadDateTimeOffset(); break;
                case Fields.StartedAt: startedAt = WireFields.ReadNullableDateTimeOffset(ref reader); break;
                case Fields.EndedAt: endedAt = WireFields.ReadNullableDateTimeOffset(ref reader); break;
                case Fields.DowntimeMicroseconds: downtime = reader.TryReadNil() ? null : reader.ReadDouble(); break;
                case Fields.BytesTransferred: bytes = reader.TryReadNil() ? null : reader.ReadInt64(); break;
                case Fields.Reason: reason = reader.ReadNullableString(); break;
                case Fields.Version: version = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }

        const string Name = nameof(MigrationRecord);
        return new MigrationRecord
        {
            MigrationId = migrationId ?? throw WireFields.Missing(Name, Fields.MigrationId, nameof(MigrationId), start),
            CellId = cellId ?? throw WireFields.Missing(Name, Fields.CellId, nameof(CellId), start),
            SourceNodeId = source ?? throw WireFields.Missing(Name, Fields.SourceNodeId, nameof(SourceNodeId), start),
            TargetNodeId = target ?? throw WireFields.Missing(Name, Fields.TargetNodeId, nameof(TargetNodeId), start),
            Method = method,
            Phase = phase,
            PlannedAt = plannedAt,
            StartedAt = startedAt,
            EndedAt = endedAt,
            DowntimeMicroseconds = downtime,
            BytesTransferred = bytes,
            Reason = reason,
            Version = version,
        };
    }
}
