using System.Text;
using BbuPool.Wire.Frames;

namespace BbuPool.Wire.Tests.Frames;

public class Crc32CTests
{
    [Fact]
    public void CheckValue_MatchesRfc3720()
    {
        // The CRC-32C catalogue check value of "123456789".
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Rfc3720Vector_32Zeros()
    {
        // RFC 3720 B.4: 32 bytes of zeros -> 0x8a9136aa.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4095)]
    [InlineData(12288)]
    [InlineData(12289)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(200)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(767)]
    [InlineData(1000)]
    [InlineData(4111)]
    [InlineData(262144)]
    [InlineData(262144 + 16 + 64 + 4 + 2 + 1)]
    [InlineData(300001)]
    public void StripedAndSerialAndBitwise_Agree(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        uint bitwise = Bitwise(data);
        Assert.Equal(bitwise, Crc32C.Compute(data));
        Assert.Equal(bitwise, ~Crc32C.UpdateSerial(0xFFFFFFFFu, data));
        Assert.Equal(bitwise, ~Crc32C.UpdateStriped(0xFFFFFFFFu, data));
        if (Crc32C.IsVectorized && length >= 512)
        {
            Assert.Equal(bitwise, ~Crc32C.UpdateFolded(0xFFFFFFFFu, data));
        }

        if (Crc32C.IsVectorized256 && length >= 512)
        {
            Assert.Equal(bitwise, ~Crc32C.UpdateFolded256(0xFFFFFFFFu, data));
        }

        int cut = length / 3;
        Assert.Equal(bitwise, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, cut)), data.AsSpan(cut)));
    }

    [Fact]
    public void FoldConstantGenerator_ReproducesZlibsPublishedCrc32Constants()
    {
        // zlib/Intel constants of the IEEE polynomial 0x104C11DB7: k1..k4 (fold by 512 and by 128 bits).
        const ulong Ieee = 0x1_04C1_1DB7;
        Assert.Equal(0x154442bd4UL, Crc32C.FoldConstant(512 + 32, Ieee));
        Assert.Equal(0x1c6e41596UL, Crc32C.FoldConstant(512 - 32, Ieee));
        Assert.Equal(0x1751997d0UL, Crc32C.FoldConstant(128 + 32, Ieee));
        Assert.Equal(0x0ccaa009eUL, Crc32C.FoldConstant(128 - 32, Ieee));

        // And the published CRC-32C ones (R1..R4 of e.g. the Linux kernel's vector CRC code): folds by 512 and 128 bits.
        Assert.Equal(0xf20c0dfeUL, Crc32C.FoldConstant(128 + 32));
        Assert.Equal(0x14cd00bd6UL, Crc32C.FoldConstant(128 - 32));
        Assert.Equal(0x740eef02UL, Crc32C.FoldConstant(512 + 32));
        Assert.Equal(0x9e4addf8UL, Crc32C.FoldConstant(512 - 32));
    }

    [Fact]
    public void FoldedPath_AgreesWithTheStripedPath_OnManyLengthsAndStates()
    {
        if (!Crc32C.IsVectorized)
        {
            return;
        }

        AgreeWithStriped(Crc32C.UpdateFolded);
    }

    [Fact]
    public void Folded256Path_AgreesWithTheStripedPath_OnManyLengthsAndStates()
    {
        if (!Crc32C.IsVectorized256)
        {
            return;
        }

        AgreeWithStriped(Crc32C.UpdateFolded256);
    }

    [Fact]
    public void Path_NamesTheLoopThisCpuTakes() =>
        Assert.Equal(Crc32C.IsVectorized ? "fold-512" : Crc32C.IsVectorized256 ? "fold-256" : "crc32-3-chains", Crc32C.Path);

    private delegate uint UpdateLoop(uint state, ReadOnlySpan<byte> data);

    private static void AgreeWithStriped(UpdateLoop folded)
    {
        var random = new Random(3);
        var data = new byte[70_000];
        random.NextBytes(data);
        for (int i = 0; i < 300; i++)
        {
            int length = random.Next(512, data.Length);
            int start = random.Next(0, data.Length - length);
            uint state = (uint)random.Next();
            var slice = data.AsSpan(start, length);
            Assert.Equal(Crc32C.UpdateStriped(state, slice), folded(state, slice));
        }
    }

    private static uint Bitwise(ReadOnlySpan<byte> data)
    {
        // Reflected polynomial 0x82F63B78, one bit at a time: the slowest, most obviously right form.
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
