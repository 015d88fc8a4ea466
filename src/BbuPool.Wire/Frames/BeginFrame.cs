namespace BbuPool.Wire.Frames;

/// <summary>Starts a migration: which cell, by which method, how many pages of what size, from where to where.</summary>
public sealed record BeginFrame : IFrame<BeginFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>str: the migration id.</summary>
        public const int MigrationId = 0;

        /// <summary>str: the cell whose stack moves.</summary>
        public const int CellId = 1;

        /// <summary>str: method name.</summary>
        public const int Method = 2;

        /// <summary>int: bytes per page.</summary>
        public const int PageSize = 3;

        /// <summary>int: pages in the stack's state image.</summary>
        public const int PageCount = 4;

        /// <summary>str: source node.</summary>
        public const int SourceNodeId = 5;

        /// <summary>str: target node.</summary>
        public const int TargetNodeId = 6;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.Begin;

    /// <summary>The migration id.</summary>
    public required string MigrationId { get; init; }

    /// <summary>The cell whose stack moves.</summary>
    public required string CellId { get; init; }

    /// <summary>Method by name ("Precopy", "Postcopy", "Hybrid", ...).</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>Bytes per page: 4096, the x86-64 and default arm64 Linux page.</summary>
    public int PageSize { get; init; } = 4096;

    /// <summary>Pages in the stack's state image.</summary>
    public long PageCount { get; init; }

    /// <summary>Where the stack runs now.</summary>
    public string SourceNodeId { get; init; } = string.Empty;

    /// <summary>Where it will run.</summary>
    public string TargetNodeId { get; init; } = string.Empty;

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, BeginFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(7);
        WireFields.Write(ref writer, Fields.MigrationId, value.MigrationId);
        WireFields.Write(ref writer, Fields.CellId, value.CellId);
        WireFields.Write(ref writer, Fields.Method, value.Method);
        writer.Write(Fields.PageSize);
        writer.Write(value.PageSize);
        writer.Write(Fields.PageCount);
        writer.Write(value.PageCount);
        WireFields.Write(ref writer, Fields.SourceNodeId, value.SourceNodeId);
        WireFields.Write(ref writer, Fields.TargetNodeId, value.TargetNodeId);
    }

    /// <inheritdoc/>
    public static BeginFrame Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        string? migrationId = null;
        string? cellId = null;
        string method = string.Empty;
        int pageSize = 4096;
        long pageCount = 0;
        string source = string.Empty;
        string target = string.Empty;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.MigrationId: migrationId = reader.ReadString(); break;
                case Fields.CellId: cellId = reader.ReadString(); break;
                case Fields.Method: method = reader.ReadString(); break;
                case Fields.PageSize: pageSize = reader.ReadInt32(); break;
                case Fields.PageCount: pageCount = reader.ReadInt64(); break;
                case Fields.SourceNodeId: source = reader.ReadString(); break;
                case Fields.TargetNodeId: target = reader.ReadString(); break;
                default: reader.Skip(); break;
            }
        }

        return new BeginFrame
        {
            MigrationId = migrationId ?? throw WireFields.Missing(nameof(BeginFrame), Fields.MigrationId, nameof(MigrationId), start),
            CellId = cellId ?? throw WireFields.Missing(nameof(BeginFrame), Fields.CellId, nameof(CellId), start),
            Method = method,
            PageSize = pageSize,
            PageCount = pageCount,
            SourceNodeId = source,
            TargetNodeId = target,
        };
    }
}
