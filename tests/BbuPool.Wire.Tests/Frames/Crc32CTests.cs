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
    [InlineData(262144)]
    [InlineData(300001)]
    public void StripedAndSerialAndBitwise_Agree(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        uint bitwise = Bitwise(data);
        Assert.Equal(bitwise, Crc32C.Compute(data));
        Assert.Equal(bitwise, ~Crc32C.UpdateSerial(0xFFFFFFFFu, data));
        int cut = length / 3;
        Assert.Equal(bitwise, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, cut)), data.AsSpan(cut)));
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
