using System.Buffers;
using BbuPool.Core.Model;
using BbuPool.Wire;
using BbuPool.Wire.Contracts;

namespace BbuPool.StatePlane.Redis;

/// <summary>
/// MessagePack encoding of the values the Redis store keeps: node specs, placements and migration
/// records as BbuPool.Wire's state-plane contracts (id-keyed maps, docs/wire-format.md); load
/// samples as a schema-versioned array (see the note there). Versions and phases also live in
/// plain Redis fields, because the Lua scripts compare them without decoding MessagePack.
/// </summary>
internal static class StateCodec
{
    // Schema version 1 of the load-sample array.
    private const int Schema = 1;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private static ArrayBufferWriter<byte> Buffer()
    {
        var b = t_buffer ??= new ArrayBufferWriter<byte>(256);
        b.ResetWrittenCount();
        return b;
    }

    public static byte[] Encode(NodeSpec node) => WireSerializer.ToArray(new NodeRecord
    {
        Id = node.Id,
        Arch = node.Arch.ToString(),
        Cores = node.Cores,
        OsReservedCores = node.OsReservedCores,
        ClockGhz = node.ClockGhz,
        NumaNodes = node.NumaNodes,
        MemoryGiB = node.MemoryGiB,
        NicGbps = node.NicGbps,
        IdleWatts = node.IdleWatts,
        PeakWatts = node.PeakWatts,
        BootSeconds = node.BootSeconds,
        Site = node.Site,
    });

    public static NodeSpec DecodeNode(ReadOnlySpan<byte> bytes)
    {
        var r = WireSerializer.Deserialize<NodeRecord>(bytes);
        return new NodeSpec(
            r.Id, Enum.Parse<CpuArch>(r.Arch), r.Cores, r.OsReservedCores, r.ClockGhz, r.NumaNodes,
            r.MemoryGiB, r.NicGbps, r.IdleWatts, r.PeakWatts, r.BootSeconds, r.Site);
    }

    // On every move of every plan commit: the thread's buffer instead of a new 256-byte writer each time.
    public static byte[] Encode(string cellId, string nodeId, IReadOnlyList<int> cores, long version)
    {
        var buffer = Buffer();
        WireSerializer.Serialize(buffer, new PlacementRecord { CellId = cellId, NodeId = nodeId, Cores = [.. cores], Version = version });
        return buffer.WrittenSpan.ToArray();
    }

    public static Placement DecodePlacement(ReadOnlySpan<byte> bytes)
    {
        var r = WireSerializer.Deserialize<PlacementRecord>(bytes);
        return new Placement(r.CellId, r.NodeId, r.Cores.ToArray(), r.Version);
    }

    public static byte[] Encode(MigrationEntry m) => WireSerializer.ToArray(new MigrationRecord
    {
        MigrationId = m.MigrationId,
        CellId = m.CellId,
        SourceNodeId = m.SourceNodeId,
        TargetNodeId = m.TargetNodeId,
        Method = m.Method,
        Phase = m.Phase.ToString(),
        PlannedAt = m.PlannedAt,
        StartedAt = m.StartedAt,
        EndedAt = m.EndedAt,
        DowntimeMicroseconds = m.DowntimeMicroseconds,
        BytesTransferred = m.BytesTransferred,
        Reason = m.Reason,
    });

    public static MigrationEntry DecodeMigration(ReadOnlySpan<byte> bytes)
    {
        var r = WireSerializer.Deserialize<MigrationRecord>(bytes);
        return new MigrationEntry(
            r.MigrationId, r.CellId, r.SourceNodeId, r.TargetNodeId, r.Method, Enum.Parse<MigrationPhase>(r.Phase),
            r.PlannedAt, r.StartedAt, r.EndedAt, r.DowntimeMicroseconds, r.BytesTransferred, r.Reason);
    }

    // Load samples keep an encoding of their own: Wire's LoadSampleRecord carries MCS and active
    // UEs as integers, while Core's LoadSample (what the traffic model produces) has them as
    // means (doubles); rounding them here would make the two stores disagree.
    public static byte[] Encode(CellLoadSample s)
    {
        var buffer = Buffer();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(6);
        w.Write(Schema);
        w.Write(s.CellId);
        w.Write(s.At);
        w.Write(s.Load.PrbUtilisation);
        w.Write(s.Load.Mcs);
        w.Write(s.Load.ActiveUes);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static CellLoadSample DecodeLoad(ReadOnlySpan<byte> bytes)
    {
        var r = new MessagePackReader(bytes);
        var count = r.ReadArrayHeader();
        CheckSchema(ref r, count, 6, "load sample");
        var sample = new CellLoadSample(r.ReadString(), r.ReadDateTimeOffset(), new LoadSample(r.ReadDouble(), r.ReadDouble(), r.ReadDouble()));
        SkipRest(ref r, count - 6);
        return sample;
    }

    private static void CheckSchema(ref MessagePackReader r, int count, int expected, string kind)
    {
        if (count < expected)
        {
            throw new InvalidDataException($"A stored {kind} has {count} fields, expected at least {expected}.");
        }

        var schema = r.ReadInt32();
        if (schema != Schema)
        {
            throw new InvalidDataException($"A stored {kind} has schema {schema}; this build reads {Schema}.");
        }
    }

    // Fields appended by a newer writer are skipped, which is what makes appending safe.
    private static void SkipRest(ref MessagePackReader r, int extra)
    {
        for (var i = 0; i < extra; i++)
        {
            r.Skip();
        }
    }
}
