namespace BbuPool.Wire.Tests;

public class MessagePackReaderTests
{
    [Theory]
    [InlineData("a2c328")]          // a lone lead byte followed by ASCII
    [InlineData("a2c0af")]          // overlong encoding of '/'
    [InlineData("a3eda080")]        // a UTF-16 surrogate encoded in UTF-8
    [InlineData("a4f4908080")]      // above U+10FFFF
    [InlineData("a1ff")]
    public void InvalidUtf8_ThrowsAtTheString(string hex)
    {
        var bytes = Convert.FromHexString("c0" + hex);
        var reader = new MessagePackReader(bytes);
        reader.ReadNil();
        var ex = Throws(ref reader, static (ref MessagePackReader r) => r.ReadString());
        Assert.Equal(1, ex.Offset);
        Assert.Equal(1, reader.Position);
    }

    [Fact]
    public void EveryProperPrefix_OfAValue_ThrowsTruncated()
    {
        var bytes = Encode.With((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write("key");
            w.WriteArrayHeader(3);
            w.Write(ulong.MaxValue);
            w.Write(new MessagePackTimestamp(-1, 5));
            w.Write(new byte[300].AsSpan());
            w.Write(7);
            w.Write(-1.5);
        });
        for (int n = 0; n < bytes.Length; n++)
        {
            var reader = new MessagePackReader(bytes.AsSpan(0, n));
            var ex = Throws(ref reader, static (ref MessagePackReader r) => r.Skip());
            Assert.InRange(ex.Offset, 0, n);
        }

        var whole = new MessagePackReader(bytes);
        whole.Skip();
        Assert.True(whole.End);
    }

    [Theory]
    [InlineData("db000003e8616263", 0)]   // str32 of 1000 bytes, 3 present
    [InlineData("c6ffffffff00", 0)]       // bin32 of 4 GiB
    [InlineData("ddffffffff01", 0)]       // array32 of 4 G elements
    [InlineData("df0000000301", 0)]       // map32 of 3 pairs in 1 byte
    [InlineData("c9ffffffff05", 0)]       // ext32 of 4 GiB
    [InlineData("9201dc0005", 2)]         // array16 of 5 nested in a fixarray
    public void LengthBeyondTheBuffer_ThrowsBeforeAllocating(string hex, int offset)
    {
        var bytes = Convert.FromHexString(hex);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reader = new MessagePackReader(bytes);
        var ex = Throws(ref reader, static (ref MessagePackReader r) => r.Skip());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(offset, ex.Offset);

        // The exception and its message only: nothing sized by the announced length.
        Assert.InRange(allocated, 0, 64 * 1024);
    }

    [Fact]
    public void NestingDeeperThanTheLimit_Throws()
    {
        var bytes = Enumerable.Repeat((byte)0x91, 10).Append((byte)0xc0).ToArray();
        var ok = new MessagePackReader(bytes) { MaxDepth = 10 };
        ok.Skip();
        Assert.True(ok.End);
        var tooDeep = new MessagePackReader(bytes) { MaxDepth = 9 };
        var ex = Throws(ref tooDeep, static (ref MessagePackReader r) => r.Skip());
        Assert.Equal(9, ex.Offset);

        // A million nested arrays: the default limit stops it long before the stack.
        var bomb = Enumerable.Repeat((byte)0x91, 1_000_000).ToArray();
        var reader = new MessagePackReader(bomb);
        Assert.Equal(MessagePackReader.DefaultMaxDepth, Throws(ref reader, static (ref MessagePackReader r) => r.Skip()).Offset);
    }

    [Fact]
    public void WrongType_ThrowsAtTheValue_AndConsumesNothing()
    {
        var bytes = Encode.With((ref MessagePackWriter w) =>
        {
            w.Write(1);
            w.Write("text");
        });
        var reader = new MessagePackReader(bytes);
        reader.ReadInt32();
        Assert.Equal(1, Throws(ref reader, static (ref MessagePackReader r) => r.ReadInt32()).Offset);
        Assert.Equal(1, Throws(ref reader, static (ref MessagePackReader r) => r.ReadBinary()).Offset);
        Assert.Equal(1, Throws(ref reader, static (ref MessagePackReader r) => r.ReadArrayHeader()).Offset);
        Assert.Equal(1, Throws(ref reader, static (ref MessagePackReader r) => r.ReadBoolean()).Offset);
        Assert.Equal(1, Throws(ref reader, static (ref MessagePackReader r) => r.ReadTimestamp()).Offset);
        Assert.Equal(1, reader.Position);
        Assert.Equal("text", reader.ReadString());
    }

    [Theory]
    [InlineData("ce80000000", "Int32")]
    [InlineData("d3ffffffffffffffff", "UInt64")]
    [InlineData("cfffffffffffffffff", "Int64")]
    [InlineData("cd0100", "Byte")]
    [InlineData("ff", "UInt32")]
    public void IntegerOverflow_Throws(string hex, string target)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        MessagePackFormatException ex = target switch
        {
            "Int32" => Throws(ref reader, static (ref MessagePackReader r) => r.ReadInt32()),
            "UInt64" => Throws(ref reader, static (ref MessagePackReader r) => r.ReadUInt64()),
            "Int64" => Throws(ref reader, static (ref MessagePackReader r) => r.ReadInt64()),
            "Byte" => Throws(ref reader, static (ref MessagePackReader r) => r.ReadByte()),
            _ => Throws(ref reader, static (ref MessagePackReader r) => r.ReadUInt32()),
        };
        Assert.Equal(0, ex.Offset);
        Assert.Equal(0, reader.Position);
    }

    [Theory]
    [InlineData("c1")]
    [InlineData("d7fffffffffc00000000")]   // timestamp 64 with nanoseconds 0x3fffffff > 999,999,999
    [InlineData("c70cff3b9aca000000000000000000")] // timestamp 96 with nanoseconds 1e9
    [InlineData("d5ff0000")]                       // timestamp of 2 bytes
    public void InvalidValues_Throw(string hex)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        var ex = hex == "c1"
            ? Throws(ref reader, static (ref MessagePackReader r) => r.Skip())
            : Throws(ref reader, static (ref MessagePackReader r) => r.ReadTimestamp());
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void Types_AreToldFromTheFirstByte()
    {
        var expected = new Dictionary<byte, MessagePackType>
        {
            [0x00] = MessagePackType.Integer, [0x7f] = MessagePackType.Integer, [0x80] = MessagePackType.Map,
            [0x8f] = MessagePackType.Map, [0x90] = MessagePackType.Array, [0x9f] = MessagePackType.Array,
            [0xa0] = MessagePackType.String, [0xbf] = MessagePackType.String, [0xc0] = MessagePackType.Nil,
            [0xc1] = MessagePackType.Unknown, [0xc2] = MessagePackType.Boolean, [0xc3] = MessagePackType.Boolean,
            [0xc4] = MessagePackType.Binary, [0xc6] = MessagePackType.Binary, [0xc7] = MessagePackType.Extension,
            [0xc9] = MessagePackType.Extension, [0xca] = MessagePackType.Float, [0xcb] = MessagePackType.Float,
            [0xcc] = MessagePackType.Integer, [0xd3] = MessagePackType.Integer, [0xd4] = MessagePackType.Extension,
            [0xd8] = MessagePackType.Extension, [0xd9] = MessagePackType.String, [0xdb] = MessagePackType.String,
            [0xdc] = MessagePackType.Array, [0xdd] = MessagePackType.Array, [0xde] = MessagePackType.Map,
            [0xdf] = MessagePackType.Map, [0xe0] = MessagePackType.Integer, [0xff] = MessagePackType.Integer,
        };
        foreach (var (code, type) in expected)
        {
            var reader = new MessagePackReader([code]);
            Assert.Equal(type, reader.PeekType());
        }
    }

    [Fact]
    public void RawValue_IsTheEncodedSlice()
    {
        var bytes = Encode.With((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write("a");
            w.WriteMapHeader(1);
            w.Write(1);
            w.Write(2);
            w.Write(true);
        });
        var reader = new MessagePackReader(bytes);
        Assert.Equal(bytes[..^1], reader.ReadRawValue().ToArray());
        Assert.True(reader.ReadBoolean());
    }

    internal delegate void ReadAction(ref MessagePackReader reader);

    internal static MessagePackFormatException Throws(ref MessagePackReader reader, ReadAction action)
    {
        try
        {
            action(ref reader);
        }
        catch (MessagePackFormatException ex)
        {
            return ex;
        }

        Assert.Fail("Expected a MessagePackFormatException.");
        return null!;
    }
}
