using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace BbuPool.Wire;

/// <summary>Reads MessagePack from a span or sequence: strict (any width accepted, every length checked against the bytes present), zero-copy for str/bin/ext.</summary>
/// <remarks>
/// Every failure is a <see cref="MessagePackFormatException"/> whose Offset is the byte where the
/// offending value starts. Nothing is allocated from a length read off the wire before the bytes
/// it announces are present: counts of arrays and maps are checked against the remaining bytes
/// (each element takes at least one byte). Pass it by <c>ref</c>.
/// </remarks>
public ref struct MessagePackReader
{
    /// <summary>The default nesting limit of <see cref="Skip"/>: 64 levels is far beyond any BbuPool contract (at most 3).</summary>
    public const int DefaultMaxDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    public MessagePackReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
        MaxDepth = DefaultMaxDepth;
    }

    /// <summary>Creates a reader over <paramref name="sequence"/>: zero-copy when it is one segment, else it is gathered once into one array.</summary>
    public MessagePackReader(ReadOnlySequence<byte> sequence)
        : this(sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray())
    {
    }

    /// <summary>The deepest nesting of arrays, maps accepted by <see cref="Skip"/> before it throws.</summary>
    public int MaxDepth { get; set; }

    /// <summary>Bytes consumed so far; also the offset of the next value.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>The first byte of the next value, without consuming it.</summary>
    public readonly byte PeekCode()
    {
        if (_position >= _buffer.Length)
        {
            ThrowTruncated(_position);
        }

        return _buffer[_position];
    }

    /// <summary>The family of the next value, without consuming it.</summary>
    public readonly MessagePackType PeekType() => MessagePackCode.ToType(PeekCode());

    /// <summary>Consumes a nil and returns true, or returns false and consumes nothing.</summary>
    public bool TryReadNil()
    {
        if (_position < _buffer.Length && _buffer[_position] == MessagePackCode.Nil)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads a nil.</summary>
    public void ReadNil()
    {
        if (!TryReadNil())
        {
            ThrowUnexpected("nil");
        }
    }

    /// <summary>Reads true or false.</summary>
    public bool ReadBoolean()
    {
        byte code = PeekCode();
        if (code == MessagePackCode.True || code == MessagePackCode.False)
        {
            _position++;
            return code == MessagePackCode.True;
        }

        ThrowUnexpected("boolean");
        return false;
    }

    /// <summary>Reads an integer of any encoding that fits a signed 64-bit value.</summary>
    public long ReadInt64()
    {
        int start = _position;
        byte code = PeekCode();
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            _position++;
            return code;
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            _position++;
            return unchecked((sbyte)code);
        }

        switch (code)
        {
            case MessagePackCode.UInt8: return Take(2)[1];
            case MessagePackCode.UInt16: return BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.UInt32: return BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.UInt64:
                ulong u = BinaryPrimitives.ReadUInt64BigEndian(Take(9)[1..]);
                if (u > long.MaxValue)
                {
                    ThrowOverflow(start, "Int64");
                }

                return (long)u;
            case MessagePackCode.Int8: return unchecked((sbyte)Take(2)[1]);
            case MessagePackCode.Int16: return BinaryPrimitives.ReadInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.Int32: return BinaryPrimitives.ReadInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.Int64: return BinaryPrimitives.ReadInt64BigEndian(Take(9)[1..]);
            default:
                ThrowUnexpected("integer");
                return 0;
        }
    }

    /// <summary>Reads an integer of any encoding that fits an unsigned 64-bit value.</summary>
    public ulong ReadUInt64()
    {
        int start = _position;
        byte code = PeekCode();
        if (code == MessagePackCode.UInt64)
        {
            return BinaryPrimitives.ReadUInt64BigEndian(Take(9)[1..]);
        }

        long value = ReadInt64();
        if (value < 0)
        {
            ThrowOverflow(start, "UInt64");
        }

        return (ulong)value;
    }

    /// <summary>Reads an integer of any encoding that fits <see cref="int"/>.</summary>
    public int ReadInt32()
    {
        int start = _position;
        long value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            ThrowOverflow(start, "Int32");
        }

        return (int)value;
    }

    /// <summary>Reads an integer of any encoding that fits <see cref="uint"/>.</summary>
    public uint ReadUInt32()
    {
        int start = _position;
        ulong value = ReadUInt64();
        if (value > uint.MaxValue)
        {
            ThrowOverflow(start, "UInt32");
        }

        return (uint)value;
    }

    /// <summary>Reads an integer of any encoding that fits <see cref="short"/>.</summary>
    public short ReadInt16()
    {
        int start = _position;
        long value = ReadInt64();
        if (value is < short.MinValue or > short.MaxValue)
        {
            ThrowOverflow(start, "Int16");
        }

        return (short)value;
    }

    /// <summary>Reads an integer of any encoding that fits <see cref="ushort"/>.</summary>
    public ushort ReadUInt16()
    {
        int start = _position;
        long value = ReadInt64();
        if (value is < 0 or > ushort.MaxValue)
        {
            ThrowOverflow(start, "UInt16");
        }

        return (ushort)value;
    }

    /// <summary>Reads an integer of any encoding that fits <see cref="byte"/>.</summary>
    public byte ReadByte()
    {
        int start = _position;
        long value = ReadInt64();
        if (value is < 0 or > byte.MaxValue)
        {
            ThrowOverflow(start, "Byte");
        }

        return (byte)value;
    }

    /// <summary>Reads an integer of any encoding that fits <see cref="sbyte"/>.</summary>
    public sbyte ReadSByte()
    {
        int start = _position;
        long value = ReadInt64();
        if (value is < sbyte.MinValue or > sbyte.MaxValue)
        {
            ThrowOverflow(start, "SByte");
        }

        return (sbyte)value;
    }

    /// <summary>Reads a float64, a float32 (widened) or an integer (converted).</summary>
    public double ReadDouble()
    {
        byte code = PeekCode();
        return code switch
        {
            MessagePackCode.Float64 => BinaryPrimitives.ReadDoubleBigEndian(Take(9)[1..]),
            MessagePackCode.Float32 => BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]),
            MessagePackCode.UInt64 => ReadUInt64(),
            _ => MessagePackCode.ToType(code) == MessagePackType.Integer ? ReadInt64() : ThrowUnexpectedDouble("float"),
        };
    }

    /// <summary>Reads a float32, a float64 (narrowed) or an integer (converted).</summary>
    public float ReadSingle()
    {
        if (PeekCode() == MessagePackCode.Float32)
        {
            return BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]);
        }

        return (float)ReadDouble();
    }

    /// <summary>Reads the header of a str and returns its byte length, checked against the bytes present.</summary>
    public int ReadStringHeader()
    {
        int start = _position;
        byte code = PeekCode();
        long length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            _position++;
            length = code & 0x1f;
        }
        else
        {
            length = code switch
            {
                MessagePackCode.Str8 => Take(2)[1],
                MessagePackCode.Str16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
                MessagePackCode.Str32 => BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]),
                _ => ThrowUnexpectedLength("string"),
            };
        }

        return CheckLength(length, start);
    }

    /// <summary>Reads a str as its UTF-8 bytes (a slice of the input), validated as UTF-8.</summary>
    public ReadOnlySpan<byte> ReadStringSpan()
    {
        int start = _position;
        int length = ReadStringHeader();
        var bytes = _buffer.Slice(_position, length);
        if (!Utf8.IsValid(bytes))
        {
            _position = start;
            throw new MessagePackFormatException("Invalid UTF-8 in a str value.", start);
        }

        _position += length;
        return bytes;
    }

    /// <summary>Reads a str as a .NET string; throws on nil (use <see cref="ReadNullableString"/> where nil is allowed).</summary>
    public string ReadString()
    {
        var bytes = ReadStringSpan();
        return bytes.Length == 0 ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a str as a .NET string, or nil as null.</summary>
    public string? ReadNullableString() => TryReadNil() ? null : ReadString();

    /// <summary>Reads the header of a bin and returns its length, checked against the bytes present.</summary>
    public int ReadBinaryHeader()
    {
        int start = _position;
        byte code = PeekCode();
        long length = code switch
        {
            MessagePackCode.Bin8 => Take(2)[1],
            MessagePackCode.Bin16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
            MessagePackCode.Bin32 => BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]),
            _ => ThrowUnexpectedLength("binary"),
        };
        return CheckLength(length, start);
    }

    /// <summary>Reads a bin as a slice of the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        int length = ReadBinaryHeader();
        return Take(length);
    }

    /// <summary>Reads an array header; the count is checked against the bytes present (one byte per element at least).</summary>
    public int ReadArrayHeader()
    {
        int start = _position;
        byte code = PeekCode();
        long count;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            _position++;
            count = code & 0x0f;
        }
        else
        {
            count = code switch
            {
                MessagePackCode.Array16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
                MessagePackCode.Array32 => BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]),
                _ => ThrowUnexpectedLength("array"),
            };
        }

        return CheckLength(count, start);
    }

    /// <summary>Reads a map header; the count is checked against the bytes present (two bytes per pair at least).</summary>
    public int ReadMapHeader()
    {
        int start = _position;
        byte code = PeekCode();
        long count;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            _position++;
            count = code & 0x0f;
        }
        else
        {
            count = code switch
            {
                MessagePackCode.Map16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
                MessagePackCode.Map32 => BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]),
                _ => ThrowUnexpectedLength("map"),
            };
        }

        if (count * 2 > Remaining)
        {
            _position = start;
            throw new MessagePackFormatException($"A map of {count} pairs needs at least {count * 2} bytes; {Remaining} remain.", start);
        }

        return (int)count;
    }

    /// <summary>Reads an extension header; the length is checked against the bytes present.</summary>
    public ExtensionHeader ReadExtensionHeader()
    {
        int start = _position;
        byte code = PeekCode();
        long length;
        ReadOnlySpan<byte> head;
        switch (code)
        {
            case MessagePackCode.FixExt1: head = Take(2); length = 1; break;
            case MessagePackCode.FixExt2: head = Take(2); length = 2; break;
            case MessagePackCode.FixExt4: head = Take(2); length = 4; break;
            case MessagePackCode.FixExt8: head = Take(2); length = 8; break;
            case MessagePackCode.FixExt16: head = Take(2); length = 16; break;
            case MessagePackCode.Ext8: head = Take(3); length = head[1]; head = head[1..]; break;
            case MessagePackCode.Ext16: head = Take(4); length = BinaryPrimitives.ReadUInt16BigEndian(head[1..]); head = head[2..]; break;
            case MessagePackCode.Ext32: head = Take(6); length = BinaryPrimitives.ReadUInt32BigEndian(head[1..]); head = head[4..]; break;
            default:
                ThrowUnexpected("extension");
                return default;
        }

        sbyte type = unchecked((sbyte)head[1]);
        return new ExtensionHeader(type, CheckLength(length, start));
    }

    /// <summary>Reads an extension value; its data is a slice of the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadExtension(out sbyte type)
    {
        var header = ReadExtensionHeader();
        type = header.Type;
        return Take(header.Length);
    }

    /// <summary>Reads a timestamp (ext -1) in its 32, 64 or 96-bit form.</summary>
    public MessagePackTimestamp ReadTimestamp()
    {
        int start = _position;
        var header = ReadExtensionHeader();
        if (header.Type != MessagePackCode.TimestampType)
        {
            _position = start;
            throw new MessagePackFormatException($"Expected a timestamp (ext -1) but found ext {header.Type}.", start);
        }

        var data = Take(header.Length);
        MessagePackTimestamp value;
        switch (header.Length)
        {
            case 4:
                value = new MessagePackTimestamp(BinaryPrimitives.ReadUInt32BigEndian(data), 0);
                break;
            case 8:
                ulong data64 = BinaryPrimitives.ReadUInt64BigEndian(data);
                value = new MessagePackTimestamp((long)(data64 & 0x3_ffff_ffffUL), (uint)(data64 >> 34));
                break;
            case 12:
                value = new MessagePackTimestamp(BinaryPrimitives.ReadInt64BigEndian(data[4..]), BinaryPrimitives.ReadUInt32BigEndian(data));
                break;
            default:
                _position = start;
                throw new MessagePackFormatException($"A timestamp has 4, 8 or 12 bytes, not {header.Length}.", start);
        }

        if (value.Nanoseconds >= MessagePackTimestamp.NanosecondsPerSecond)
        {
            _position = start;
            throw new MessagePackFormatException($"Timestamp nanoseconds {value.Nanoseconds} are not below 1,000,000,000.", start);
        }

        return value;
    }

    /// <summary>Reads a timestamp (ext -1) as a UTC <see cref="DateTimeOffset"/>, truncated to 100 ns.</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        int start = _position;
        var timestamp = ReadTimestamp();
        if (!timestamp.TryToDateTimeOffset(out var value))
        {
            _position = start;
            throw new MessagePackFormatException("The timestamp is outside the DateTimeOffset range (years 1..9999).", start);
        }

        return value;
    }

    /// <summary>Consumes <paramref name="count"/> raw bytes and returns them as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Take(count);
    }

    /// <summary>Consumes one whole value (with everything nested in it) and returns its encoded bytes as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadRawValue()
    {
        int start = _position;
        Skip();
        return _buffer[start.._position];
    }

    /// <summary>Consumes one whole value, nested values included, no deeper than <see cref="MaxDepth"/>.</summary>
    public void Skip() => SkipNested(0);

    private void SkipNested(int depth)
    {
        int start = _position;
        byte code = PeekCode();
        switch (MessagePackCode.ToType(code))
        {
            case MessagePackType.Nil:
            case MessagePackType.Boolean:
                _position++;
                break;
            case MessagePackType.Integer:
                _ = code == MessagePackCode.UInt64 ? (long)ReadUInt64() : ReadInt64();
                break;
            case MessagePackType.Float:
                Take(code == MessagePackCode.Float32 ? 5 : 9);
                break;
            case MessagePackType.String:
                Take(ReadStringHeader());
                break;
            case MessagePackType.Binary:
                Take(ReadBinaryHeader());
                break;
            case MessagePackType.Extension:
                Take(ReadExtensionHeader().Length);
                break;
            case MessagePackType.Array:
                EnterContainer(depth, start);
                for (int i = ReadArrayHeader(); i > 0; i--)
                {
                    SkipNested(depth + 1);
                }

                break;
            case MessagePackType.Map:
                EnterContainer(depth, start);
                for (int i = ReadMapHeader(); i > 0; i--)
                {
                    SkipNested(depth + 1);
                    SkipNested(depth + 1);
                }

                break;
            default:
                throw new MessagePackFormatException("0xc1 is never used in MessagePack.", start);
        }
    }

    private readonly void EnterContainer(int depth, int start)
    {
        if (depth >= MaxDepth)
        {
            throw new MessagePackFormatException($"Nesting deeper than {MaxDepth} levels.", start);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            ThrowTruncated(_position);
        }

        var s = _buffer.Slice(_position, count);
        _position += count;
        return s;
    }

    private int CheckLength(long length, int start)
    {
        if (length > Remaining)
        {
            _position = start;
            throw new MessagePackFormatException($"A length of {length} runs past the end of the input ({Remaining} bytes remain after the header).", start);
        }

        return (int)length;
    }

    [DoesNotReturn]
    private static void ThrowTruncated(int offset) =>
        throw new MessagePackFormatException("The input ends in the middle of a value.", offset);

    [DoesNotReturn]
    private readonly void ThrowUnexpected(string expected)
    {
        if (_position >= _buffer.Length)
        {
            ThrowTruncated(_position);
        }

        byte code = _buffer[_position];
        throw new MessagePackFormatException($"Expected {expected} but found {MessagePackCode.ToType(code)} (0x{code:x2}).", _position);
    }

    private readonly long ThrowUnexpectedLength(string expected)
    {
        ThrowUnexpected(expected);
        return 0;
    }

    private readonly double ThrowUnexpectedDouble(string expected)
    {
        ThrowUnexpected(expected);
        return 0;
    }

    [DoesNotReturn]
    private void ThrowOverflow(int start, string target)
    {
        _position = start;
        throw new MessagePackFormatException($"The integer does not fit {target}.", start);
    }
}
