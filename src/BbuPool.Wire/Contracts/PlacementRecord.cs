using System.Collections.Immutable;

namespace BbuPool.Wire.Contracts;

/// <summary>State-plane record: where one cell's stack runs (node and exclusive cores), versioned for compare-and-set.</summary>
public sealed record PlacementRecord : IWireContract<PlacementRecord>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>str: the cell id.</summary>
        public const int CellId = 0;

        /// <summary>str: the node id.</summary>
        public const int NodeId = 1;

        /// <summary>array of int: the pinned cores.</summary>
        public const int Cores = 2;

        /// <summary>int: version, starts at 1, +1 per committed change.</summary>
        public const int Version = 3;

        /// <summary>timestamp: when this version was committed (optional).</summary>
        public const int UpdatedAt = 4;
    }

    /// <summary>The cell (one stack instance).</summary>
    public required string CellId { get; init; }

    /// <summary>The node that hosts it.</summary>
    public required string NodeId { get; init; }

    /// <summary>The exclusive, pinned cores on that node.</summary>
    public ImmutableArray<int> Cores { get; init; } = [];

    /// <summary>Starts at 1 and grows by one with every committed change of this cell.</summary>
    public long Version { get; init; }

    /// <summary>When this version was committed; null when unknown.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, PlacementRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(4 + WireFields.Count(value.UpdatedAt.HasValue));
        WireFields.Write(ref writer, Fields.CellId, value.CellId);
        WireFields.Write(ref writer, Fields.NodeId, value.NodeId);
        WireFields.Write(ref writer, Fields.Cores, value.Cores);
        writer.Write(Fields.Version);
        writer.Write(value.Version);
        if (value.UpdatedAt is { } updatedAt)
        {
            WireFields.Write(ref writer, Fields.UpdatedAt, updatedAt);
        }
    }

    /// <inheritdoc/>
    public static PlacementRecord Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        string? cellId = null;
        string? nodeId = null;
        ImmutableArray<int> cores = [];
        long version = 0;
        DateTimeOffset? updatedAt = null;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.CellId: cellId = reader.ReadString(); break;
                case Fields.NodeId: nodeId = reader.ReadString(); break;
                case Fields.Cores: cores = WireFields.ReadInt32Array(ref reader); break;
                case Fields.Version: version = reader.ReadInt64(); break;
                case Fields.UpdatedAt: updatedAt = WireFields.ReadNullableDateTimeOffset(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new PlacementRecord
        {
            CellId = cellId ?? throw WireFields.Missing(nameof(PlacementRecord), Fields.CellId, nameof(CellId), start),
            NodeId = nodeId ?? throw WireFields.Missing(nameof(PlacementRecord), Fields.NodeId, nameof(NodeId), start),
            Cores = cores,
            Version = version,
            UpdatedAt = updatedAt,
        };
    }

    /// <summary>Equal when every field is equal, cores compared element by element.</summary>
    public bool Equals(PlacementRecord? other) =>
        other is not null
        && CellId == other.CellId
        && NodeId == other.NodeId
        && Cores.AsSpan().SequenceEqual(other.Cores.AsSpan())
        && Version == other.Version
        && UpdatedAt == other.UpdatedAt;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CellId, NodeId, Version, Cores.Length);
}
