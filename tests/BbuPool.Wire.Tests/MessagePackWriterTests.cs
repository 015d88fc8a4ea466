namespace BbuPool.Wire.Tests;

public class MessagePackWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Integers_UseTheSmallestEncoding(long value, string hex)
    {
        var bytes = Encode.With((ref MessagePackWriter w) => w.Write(value));
        Assert.Equal(hex, Encode.Hex(bytes));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void UInt64Max_IsUInt64()
    {
        var bytes = Encode.With((ref MessagePackWriter w) => w.Write(ulong.MaxValue));
        Assert.Equal("cfffffffffffffffff", Encode.Hex(bytes));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void Strings_UseTheSmallestHeader(int length, string headerHex)
    {
        string value = new('x', length);
        var bytes = Encode.With((ref MessagePackWriter w) => w.Write(value));
        Assert.StartsWith(headerHex, Encode.Hex(bytes), StringComparison.Ordinal);
        Assert.Equal((headerHex.Length / 2) + length, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadString());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("é")]
    [InlineData("日本語")]
    [InlineData("0123456789")]
    [InlineData("😀 emoji and more than ten chars")]
    public void NonAsciiStrings_RoundTrip(string value)
    {
        var bytes = Encode.With((ref MessagePackWriter w) => w.Write(value));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadString());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65536, "c600010000")]
    public void Binary_UsesTheSmallestHeader(int length, string headerHex)
    {
        var value = new byte[length];
        new Random(length).NextBytes(value);
        var bytes = Encode.With((ref MessagePackWriter w) => w.Write(value.AsSpan()));
        Assert.StartsWith(headerHex, Encode.Hex(bytes), StringComparison.Ordinal);
        var reader = new MessagePackReader(bytes);
        Assert.True(reader.ReadBinary().SequenceEqual(value));
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void Containers_UseTheSmallestHeader(int count, string arrayHex, string mapHex)
    {
        var array = Encode.With((ref MessagePackWriter w) => w.WriteArrayHeader(count));
        var map = Encode.With((ref MessagePackWriter w) => w.WriteMapHeader(count));
        Assert.Equal(arrayHex, Encode.Hex(array));
        Assert.Equal(mapHex, Encode.Hex(map));
    }

    [Theory]
    [InlineData(1, "d405")]
    [InlineData(2, "d505")]
    [InlineData(4, "d605")]
    [InlineData(8, "d705")]
    [InlineData(16, "d805")]
    [InlineData(3, "c70305")]
    [InlineData(0, "c70005")]
    [InlineData(256, "c8010005")]
    [InlineData(65536, "c90001000005")]
    public void Extensions_UseFixExtWhereTheLengthAllows(int length, string headerHex)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var bytes = Encode.With((ref MessagePackWriter w) => w.WriteExtension(5, data));
        Assert.StartsWith(headerHex, Encode.Hex(bytes), StringComparison.Ordinal);
        var reader = new MessagePackReader(bytes);
        Assert.True(reader.ReadExtension(out sbyte type).SequenceEqual(data));
        Assert.Equal(5, type);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0L, 0u, "d6ff00000000")]
    [InlineData(4294967295L, 0u, "d6ffffffffff")]
    [InlineData(1L, 1u, "d7ff0000000400000001")]
    [InlineData(17179869183L, 999999999u, "d7ffee6b27ffffffffff")]
    [InlineData(17179869184L, 0u, "c70cff000000000000000400000000")]
    [InlineData(-1L, 500u, "c70cff000001f4ffffffffffffffff")]
    public void Timestamps_UseThe32_64_96BitForms(long seconds, uint nanoseconds, string hex)
    {
        var value = new MessagePackTimestamp(seconds, nanoseconds);
        var bytes = Encode.With((ref MessagePackWriter w) => w.Write(value));
        Assert.Equal(hex, Encode.Hex(bytes));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadTimestamp());
    }

    [Fact]
    public void DateTimeOffset_RoundTripsTo100ns()
    {
        var values = new[]
        {
            DateTimeOffset.UnixEpoch,
            new DateTimeOffset(2026, 11, 22, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567),
            DateTimeOffset.MinValue,
            DateTimeOffset.MaxValue,
            new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1),
        };
        foreach (var value in values)
        {
            var bytes = Encode.With((ref MessagePackWriter w) => w.Write(value));
            var reader = new MessagePackReader(bytes);
            Assert.Equal(value, reader.ReadDateTimeOffset());
        }
    }

    [Fact]
    public void Scalars_RoundTrip()
    {
        var bytes = Encode.With((ref MessagePackWriter w) =>
        {
            w.WriteNil();
            w.Write(true);
            w.Write(false);
            w.Write(1.5f);
            w.Write(-2.25);
            w.Write(double.NaN);
            w.Write((string?)null);
        });
        Assert.Equal("c0c3c2ca3fc00000cbc002000000000000cb", Encode.Hex(bytes)[..36]);
        var reader = new MessagePackReader(bytes);
        reader.ReadNil();
        Assert.True(reader.ReadBoolean());
        Assert.False(reader.ReadBoolean());
        Assert.Equal(1.5f, reader.ReadSingle());
        Assert.Equal(-2.25, reader.ReadDouble());
        Assert.True(double.IsNaN(reader.ReadDouble()));
        Assert.Null(reader.ReadNullableString());
        Assert.True(reader.End);
    }

    [Fact]
    public void LargeValues_SpanManyBufferSegments()
    {
        var big = new byte[3 << 20];
        new Random(7).NextBytes(big);
        var segmented = new SegmentedBufferWriter(4096);
        var writer = new MessagePackWriter(segmented);
        for (int i = 0; i < 1000; i++)
        {
            writer.Write(i);
        }

        writer.Write(big.AsSpan());
        writer.Write("tail");
        writer.Flush();
        var reader = new MessagePackReader(segmented.ToSequence());
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(i, reader.ReadInt32());
        }

        Assert.True(reader.ReadBinary().SequenceEqual(big));
        Assert.Equal("tail", reader.ReadString());
        Assert.True(reader.End);
    }
}
