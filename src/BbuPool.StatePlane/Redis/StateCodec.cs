using System.Buffers;
using BbuPool.Core.Model;
using BbuPool.Wire;

namespace BbuPool.StatePlane.Redis;

/// <summary>
/// MessagePack encoding of the values the Redis store keeps (node specs, placements, migration
/// records, load samples), written with BbuPool.Wire's writer and reader. Each value is an array
/// whose first element is a schema version, so a field can be appended later without breaking
/// readers of older entries. Versions and phases also live in plain Redis fields, because the Lua
/// scripts compare them without decoding MessagePack.
/// </summary>
internal static class StateCodec
{
    // Schema version 1 of every value kind below.
    private const int Schema = 1;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private static ArrayBufferWriter<byte> Buffer()
    {
        var b = t_buffer ??= new ArrayBufferWriter<byte>(256);
        b.ResetWrittenCount();
        return b;
    }

    public static byte[] Encode(NodeSpec node)
    {
        var buffer = Buffer();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(13);
        w.Write(Schema);
        w.Write(node.Id);
        w.Write((int)node.Arch);
        w.Write(node.Cores);
        w.Write(node.OsReservedCores);
        w.Write(node.ClockGhz);
        w.Write(node.NumaNodes);
        w.Write(node.MemoryGiB);
        w.Write(node.NicGbps);
        w.Write(node.IdleWatts);
        w.Write(node.PeakWatts);
        w.Write(node.BootSeconds);
        w.Write(node.Site);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static NodeSpec DecodeNode(ReadOnlySpan<byte> bytes)
    {
        var r = new MessagePackReader(bytes);
        var count = r.ReadArrayHeader();
        CheckSchema(ref r, count, 13, "node");
        var node = new NodeSpec(
            r.ReadString(), (CpuArch)r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadInt32(),
            r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadString());
        SkipRest(ref r, count - 13);
        return node;
    }

    public static byte[] Encode(string cellId, string nodeId, IReadOnlyList<int> cores, long version)
    {
        var buffer = Buffer();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(5);
        w.Write(Schema);
        w.Write(cellId);
        w.Write(nodeId);
        w.WriteArrayHeader(cores.Count);
        foreach (var c in cores)
        {
            w.Write(c);
        }

        w.Write(version);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static Placement DecodePlacement(ReadOnlySpan<byte> bytes)
    {
        var r = new MessagePackReader(bytes);
        var count = r.ReadArrayHeader();
        CheckSchema(ref r, count, 5, "placement");
        var cell = r.ReadString();
        var node = r.ReadString();
        var cores = new int[r.ReadArrayHeader()];
        for (var i = 0; i < cores.Length; i++)
        {
            cores[i] = r.ReadInt32();
        }

        var version = r.ReadInt64();
        SkipRest(ref r, count - 5);
        return new Placement(cell, node, cores, version);
    }

    public static byte[] Encode(MigrationEntry m)
    {
        var buffer = Buffer();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(13);
        w.Write(Schema);
        w.Write(m.MigrationId);
        w.Write(m.CellId);
        w.Write(m.SourceNodeId);
        w.Write(m.TargetNodeId);
        w.Write(m.Method);
        w.Write((int)m.Phase);
        w.Write(m.PlannedAt);
        WriteNullable(ref w, m.StartedAt);
        WriteNullable(ref w, m.EndedAt);
        if (m.DowntimeMicroseconds is { } d)
        {
            w.Write(d);
        }
        else
        {
            w.WriteNil();
        }

        if (m.BytesTransferred is { } b)
        {
            w.Write(b);
        }
        else
        {
            w.WriteNil();
        }

        w.Write(m.Reason);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static MigrationEntry DecodeMigration(ReadOnlySpan<byte> bytes)
    {
        var r = new MessagePackReader(bytes);
        var count = r.ReadArrayHeader();
        CheckSchema(ref r, count, 13, "migration");
        var entry = new MigrationEntry(
            r.ReadString(),
            r.ReadString(),
            r.ReadString(),
            r.ReadString(),
            r.ReadString(),
            (MigrationPhase)r.ReadInt32(),
            r.ReadDateTimeOffset(),
            r.TryReadNil() ? null : r.ReadDateTimeOffset(),
            r.TryReadNil() ? null : r.ReadDateTimeOffset(),
            r.TryReadNil() ? null : r.ReadDouble(),
            r.TryReadNil() ? null : r.ReadInt64(),
            r.ReadNullableString());
        SkipRest(ref r, count - 13);
        return entry;
    }

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

    private static void WriteNullable(ref MessagePackWriter w, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.Write(v);
        }
        else
        {
            w.WriteNil();
        }
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
