using System.Collections.Immutable;

namespace BbuPool.Wire;

/// <summary>Helpers shared by the hand-written contracts: field ids, optional fields, arrays, missing-field errors.</summary>
public static class WireFields
{
    /// <summary>Reads a map key as a field id; a key that is not a small non-negative integer yields -1 (an unknown field: skip its value).</summary>
    public static int ReadFieldId(ref MessagePackReader reader)
    {
        if (reader.PeekType() == MessagePackType.Integer)
        {
            // uint64 keys above long.MaxValue are legal MessagePack, just not ours: unknown.
            if (reader.PeekCode() == 0xcf)
            {
                ulong big = reader.ReadUInt64();
                return big <= int.MaxValue ? (int)big : -1;
            }

            long id = reader.ReadInt64();
            return id is >= 0 and <= int.MaxValue ? (int)id : -1;
        }

        reader.Skip();
        return -1;
    }

    /// <summary>Writes a field id then a string.</summary>
    public static void Write(ref MessagePackWriter writer, int fieldId, string value)
    {
        writer.Write(fieldId);
        writer.Write(value);
    }

    /// <summary>Writes a field id then a timestamp.</summary>
    public static void Write(ref MessagePackWriter writer, int fieldId, DateTimeOffset value)
    {
        writer.Write(fieldId);
        writer.Write(value);
    }

    /// <summary>Writes a field id then an array of integers.</summary>
    public static void Write(ref MessagePackWriter writer, int fieldId, ImmutableArray<int> values)
    {
        writer.Write(fieldId);
        var span = values.IsDefault ? [] : values.AsSpan();
        writer.WriteArrayHeader(span.Length);
        foreach (int v in span)
        {
            writer.Write(v);
        }
    }

    /// <summary>Writes a field id then an array of unsigned integers.</summary>
    public static void Write(ref MessagePackWriter writer, int fieldId, ImmutableArray<ulong> values)
    {
        writer.Write(fieldId);
        var span = values.IsDefault ? [] : values.AsSpan();
        writer.WriteArrayHeader(span.Length);
        foreach (ulong v in span)
        {
            writer.Write(v);
        }
    }

    /// <summary>Reads an array of integers; its count was checked against the bytes present before allocating.</summary>
    public static ImmutableArray<int> ReadInt32Array(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        var builder = ImmutableArray.CreateBuilder<int>(count);
        for (int i = 0; i < count; i++)
        {
            builder.Add(reader.ReadInt32());
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Reads an array of unsigned integers; its count was checked against the bytes present before allocating.</summary>
    public static ImmutableArray<ulong> ReadUInt64Array(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        var builder = ImmutableArray.CreateBuilder<ulong>(count);
        for (int i = 0; i < count; i++)
        {
            builder.Add(reader.ReadUInt64());
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Reads a timestamp, or nil as null.</summary>
    public static DateTimeOffset? ReadNullableDateTimeOffset(ref MessagePackReader reader) =>
        reader.TryReadNil() ? null : reader.ReadDateTimeOffset();

    /// <summary>The error for a required field that the map lacked.</summary>
    public static MessagePackFormatException Missing(string contract, int fieldId, string name, int offset) =>
        new($"{contract} lacks required field {fieldId} ({name}).", offset);

    /// <summary>Counts the fields that are present, for the map header.</summary>
    public static int Count(bool present) => present ? 1 : 0;
}
