namespace BbuPool.Wire.Tests.Interop;

/// <summary>A generic value tree for the interop corpus: null, bool, long/ulong, float/double, string, byte[], object?[], Map, Ext, MessagePackTimestamp.</summary>
internal static class MessagePackTree
{
    public sealed record Ext(sbyte Type, byte[] Data);

    public sealed class Map : List<KeyValuePair<object?, object?>>
    {
        public void Add(object? key, object? value) => Add(new KeyValuePair<object?, object?>(key, value));
    }

    public static object? Read(ref MessagePackReader reader, int depth = 0)
    {
        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                if (reader.PeekCode() == 0xcf)
                {
                    ulong u = reader.ReadUInt64();
                    return u > long.MaxValue ? u : (long)u;
                }

                return reader.ReadInt64();
            case MessagePackType.Float:
                return reader.PeekCode() == 0xca ? (object)reader.ReadSingle() : reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBinary().ToArray();
            case MessagePackType.Array:
            {
                CheckDepth(ref reader, depth);
                var items = new object?[reader.ReadArrayHeader()];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = Read(ref reader, depth + 1);
                }

                return items;
            }

            case MessagePackType.Map:
            {
                CheckDepth(ref reader, depth);
                var map = new Map();
                for (int i = reader.ReadMapHeader(); i > 0; i--)
                {
                    var key = Read(ref reader, depth + 1);
                    map.Add(key, Read(ref reader, depth + 1));
                }

                return map;
            }

            case MessagePackType.Extension:
            {
                var peek = reader;
                if (peek.ReadExtensionHeader().Type == -1)
                {
                    return reader.ReadTimestamp();
                }

                var data = reader.ReadExtension(out sbyte type);
                return new Ext(type, data.ToArray());
            }

            default:
                throw new MessagePackFormatException("0xc1 is never used.", reader.Position);
        }
    }

    public static void Write(ref MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case bool b: writer.Write(b); break;
            case long l: writer.Write(l); break;
            case ulong u: writer.Write(u); break;
            case float f: writer.Write(f); break;
            case double d: writer.Write(d); break;
            case string s: writer.Write(s); break;
            case byte[] bytes: writer.Write(bytes.AsSpan()); break;
            case object?[] items:
                writer.WriteArrayHeader(items.Length);
                foreach (var item in items)
                {
                    Write(ref writer, item);
                }

                break;
            case Map map:
                writer.WriteMapHeader(map.Count);
                foreach (var (k, v) in map)
                {
                    Write(ref writer, k);
                    Write(ref writer, v);
                }

                break;
            case Ext ext: writer.WriteExtension(ext.Type, ext.Data); break;
            case MessagePackTimestamp ts: writer.Write(ts); break;
            default: throw new ArgumentException($"No MessagePack form for {value.GetType()}.", nameof(value));
        }
    }

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        _ when a.GetType() != b.GetType() => false,
        (double x, double y) => double.IsNaN(x) ? double.IsNaN(y) : x.Equals(y) && double.IsNegative(x) == double.IsNegative(y),
        (float x, float y) => float.IsNaN(x) ? float.IsNaN(y) : x.Equals(y) && float.IsNegative(x) == float.IsNegative(y),
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => Same(p.First, p.Second)),
        (Map x, Map y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First.Key, p.Second.Key) && Same(p.First.Value, p.Second.Value)),
        (Ext x, Ext y) => x.Type == y.Type && x.Data.AsSpan().SequenceEqual(y.Data),
        _ => a.Equals(b),
    };

    public static string Show(object? value) => value switch
    {
        null => "nil",
        string s => s.Length > 40 ? $"str({s.Length})" : $"\"{s}\"",
        byte[] b => $"bin({b.Length})",
        object?[] a => a.Length > 8 ? $"array({a.Length})" : "[" + string.Join(", ", a.Select(Show)) + "]",
        Map m => m.Count > 8 ? $"map({m.Count})" : "{" + string.Join(", ", m.Select(p => Show(p.Key) + ": " + Show(p.Value))) + "}",
        Ext e => $"ext({e.Type}, {e.Data.Length})",
        _ => $"{value} ({value.GetType().Name})",
    };

    private static void CheckDepth(ref MessagePackReader reader, int depth)
    {
        if (depth >= reader.MaxDepth)
        {
            throw new MessagePackFormatException($"Nesting deeper than {reader.MaxDepth} levels.", reader.Position);
        }
    }
}
