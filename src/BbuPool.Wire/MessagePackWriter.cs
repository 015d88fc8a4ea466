using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace BbuPool.Wire;

/// <summary>Writes MessagePack into an <see cref="IBufferWriter{T}"/>, always choosing the smallest encoding; call <see cref="Flush"/> when done.</summary>
/// <remarks>
/// The writer fills a span obtained from the buffer writer and advances it only on <see cref="Flush"/>
/// (or when it needs a new span), so a small record costs one GetSpan/Advance pair, not one per value.
/// Pass it by <c>ref</c>.
/// </remarks>
public ref struct MessagePackWriter
{
    // Smallest span asked of the buffer writer: amortises GetSpan for runs of small values,
    // while staying well under a 4 KiB page so pooled writers do not grow for one record.
    private const int MinimumSpanRequest = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;
    private long _flushed;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _span = default;
        _buffered = 0;
        _flushed = 0;
    }

    /// <summary>Bytes written so far, flushed or not.</summary>
    public readonly long BytesWritten => _flushed + _buffered;

    /// <summary>Advances the underlying buffer writer past everything written so far.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _flushed += _buffered;
            _buffered = 0;
        }

        _span = default;
    }

    /// <summary>Writes nil.</summary>
    public void WriteNil() => Reserve(1)[0] = MessagePackCode.Nil;

    /// <summary>Writes true or false.</summary>
    public void Write(bool value) => Reserve(1)[0] = value ? MessagePackCode.True : MessagePackCode.False;

    /// <summary>Writes a signed integer in its smallest encoding.</summary>
    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
            return;
        }

        if (value >= -32)
        {
            Reserve(1)[0] = unchecked((byte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var s = Reserve(2);
            s[0] = MessagePackCode.Int8;
            s[1] = unchecked((byte)value);
        }
        else if (value >= short.MinValue)
        {
            var s = Reserve(3);
            s[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(s[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var s = Reserve(5);
            s[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], (int)value);
        }
        else
        {
            var s = Reserve(9);
            s[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(s[1..], value);
        }
    }

    /// <summary>Writes an unsigned integer in its smallest encoding.</summary>
    public void Write(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            Reserve(1)[0] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = MessagePackCode.UInt8;
            s[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            var s = Reserve(3);
            s[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            var s = Reserve(5);
            s[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)value);
        }
        else
        {
            var s = Reserve(9);
            s[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(s[1..], value);
        }
    }

    /// <summary>Writes a signed integer in its smallest encoding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int value)
    {
        // Field ids, core numbers and small counts are positive fixints: one byte, no branches further down.
        if ((uint)value <= MessagePackCode.MaxPositiveFixInt && _span.Length - _buffered >= 1)
        {
            _span[_buffered++] = (byte)value;
            return;
        }

        Write((long)value);
    }

    /// <summary>Writes an unsigned integer in its smallest encoding.</summary>
    public void Write(uint value) => Write((ulong)value);

    /// <summary>Writes a float32.</summary>
    public void Write(float value)
    {
        var s = Reserve(5);
        s[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(s[1..], value);
    }

    /// <summary>Writes a float64.</summary>
    public void Write(double value)
    {
        var s = Reserve(9);
        s[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], value);
    }

    /// <summary>Writes a string as UTF-8 (nil when null); lone surrogates become U+FFFD.</summary>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        Write(value.AsSpan());
    }

    /// <summary>Writes characters as a UTF-8 string; lone surrogates become U+FFFD.</summary>
    public void Write(ReadOnlySpan<char> value)
    {
        // Ids ("cell-0042", "node-07") are short ASCII: one pass, no encoder call.
        if (value.Length <= 31 && TryWriteShortAscii(value))
        {
            return;
        }

        // Fast path: a UTF-16 char is at most 3 UTF-8 bytes, so up to 10 chars always fit a fixstr (31 bytes).
        if (value.Length <= 10)
        {
            var s = Reserve(1 + (value.Length * 3));
            int n = Encoding.UTF8.GetBytes(value, s[1..]);
            s[0] = (byte)(MessagePackCode.MinFixStr | n);
            _buffered -= (value.Length * 3) - n;
            return;
        }

        int length = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(length);
        var body = Reserve(length);
        Encoding.UTF8.GetBytes(value, body);
    }

    /// <summary>Writes bytes the caller guarantees to be valid UTF-8 as a string.</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    /// <summary>Writes the header of a string of <paramref name="byteLength"/> UTF-8 bytes (fixstr, str8, str16 or str32).</summary>
    public void WriteStringHeader(int byteLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        if (byteLength <= 31)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixStr | byteLength);
        }
        else if (byteLength <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = MessagePackCode.Str8;
            s[1] = (byte)byteLength;
        }
        else if (byteLength <= ushort.MaxValue)
        {
            var s = Reserve(3);
            s[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)byteLength);
        }
        else
        {
            var s = Reserve(5);
            s[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)byteLength);
        }
    }

    /// <summary>Writes bytes as bin8/16/32; the bytes are copied once, straight into the output.</summary>
    public void Write(ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes the header of a bin of <paramref name="length"/> bytes; follow it with exactly that many raw bytes.</summary>
    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = MessagePackCode.Bin8;
            s[1] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            var s = Reserve(3);
            s[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length);
        }
        else
        {
            var s = Reserve(5);
            s[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)length);
        }
    }

    /// <summary>Writes an array header for <paramref name="count"/> elements (fixarray, array16 or array32).</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixArray | count);
        }
        else if (count <= ushort.MaxValue)
        {
            var s = Reserve(3);
            s[0] = MessagePackCode.Array16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)count);
        }
        else
        {
            var s = Reserve(5);
            s[0] = MessagePackCode.Array32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)count);
        }
    }

    /// <summary>Writes a map header for <paramref name="count"/> key/value pairs (fixmap, map16 or map32).</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixMap | count);
        }
        else if (count <= ushort.MaxValue)
        {
            var s = Reserve(3);
            s[0] = MessagePackCode.Map16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)count);
        }
        else
        {
            var s = Reserve(5);
            s[0] = MessagePackCode.Map32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)count);
        }
    }

    /// <summary>Writes an extension header (fixext1/2/4/8/16 when the length allows, else ext8/16/32); follow it with the data.</summary>
    public void WriteExtensionHeader(sbyte type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte fixCode = length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        if (fixCode != 0)
        {
            var f = Reserve(2);
            f[0] = fixCode;
            f[1] = unchecked((byte)type);
        }
        else if (length <= byte.MaxValue)
        {
            var s = Reserve(3);
            s[0] = MessagePackCode.Ext8;
            s[1] = (byte)length;
            s[2] = unchecked((byte)type);
        }
        else if (length <= ushort.MaxValue)
        {
            var s = Reserve(4);
            s[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length);
            s[3] = unchecked((byte)type);
        }
        else
        {
            var s = Reserve(6);
            s[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)length);
            s[5] = unchecked((byte)type);
        }
    }

    /// <summary>Writes an extension value: header and data.</summary>
    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        WriteExtensionHeader(type, data.Length);
        WriteRaw(data);
    }

    /// <summary>Writes a timestamp (ext -1) in its smallest form: 32-bit, 64-bit or 96-bit.</summary>
    public void Write(MessagePackTimestamp value)
    {
        if (value.Nanoseconds >= MessagePackTimestamp.NanosecondsPerSecond)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Nanoseconds must be below 1,000,000,000.");
        }

        if ((value.Seconds >> 34) == 0)
        {
            ulong data64 = ((ulong)value.Nanoseconds << 34) | (ulong)value.Seconds;
            if ((data64 & 0xffffffff00000000UL) == 0)
            {
                // timestamp 32: nanoseconds 0 and seconds in [0, 2^32).
                var s = Reserve(6);
                s[0] = MessagePackCode.FixExt4;
                s[1] = unchecked((byte)MessagePackCode.TimestampType);
                BinaryPrimitives.WriteUInt32BigEndian(s[2..], (uint)data64);
            }
            else
            {
                // timestamp 64: 30-bit nanoseconds, 34-bit seconds in [0, 2^34).
                var s = Reserve(10);
                s[0] = MessagePackCode.FixExt8;
                s[1] = unchecked((byte)MessagePackCode.TimestampType);
                BinaryPrimitives.WriteUInt64BigEndian(s[2..], data64);
            }
        }
        else
        {
            // timestamp 96: ext8 of 12 bytes, u32 nanoseconds then i64 seconds.
            var s = Reserve(15);
            s[0] = MessagePackCode.Ext8;
            s[1] = 12;
            s[2] = unchecked((byte)MessagePackCode.TimestampType);
            BinaryPrimitives.WriteUInt32BigEndian(s[3..], value.Nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(s[7..], value.Seconds);
        }
    }

    /// <summary>Writes a <see cref="DateTimeOffset"/> as a timestamp (ext -1).</summary>
    public void Write(DateTimeOffset value) => Write(MessagePackTimestamp.FromDateTimeOffset(value));

    /// <summary>Copies already-encoded bytes into the output as they are.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= _span.Length - _buffered)
        {
            bytes.CopyTo(_span[_buffered..]);
            _buffered += bytes.Length;
            return;
        }

        WriteRawSlow(bytes);
    }

    /// <summary>A span of at least <paramref name="sizeHint"/> bytes to fill directly; follow with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _span[_buffered..];
    }

    /// <summary>Marks <paramref name="count"/> bytes of the span from <see cref="GetSpan"/> as written.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _span.Length - _buffered);
        _buffered += count;
    }

    private bool TryWriteShortAscii(ReadOnlySpan<char> value)
    {
        var s = Reserve(1 + value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x80)
            {
                _buffered -= 1 + value.Length;
                return false;
            }

            s[i + 1] = (byte)c;
        }

        s[0] = (byte)(MessagePackCode.MinFixStr | value.Length);
        return true;
    }

    private void WriteRawSlow(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            Flush();
            _span = _output.GetSpan(Math.Min(bytes.Length, 1 << 20));
            int n = Math.Min(_span.Length, bytes.Length);
            bytes[..n].CopyTo(_span);
            _buffered = n;
            bytes = bytes[n..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_span.Length - _buffered < count)
        {
            Ensure(count);
        }

        var s = _span.Slice(_buffered, count);
        _buffered += count;
        return s;
    }

    private void Ensure(int count)
    {
        if (_span.Length - _buffered >= count)
        {
            return;
        }

        Flush();
        _span = _output.GetSpan(Math.Max(count, MinimumSpanRequest));
        if (_span.Length < count)
        {
            throw new InvalidOperationException($"The buffer writer returned {_span.Length} bytes where {count} were asked for.");
        }
    }
}
