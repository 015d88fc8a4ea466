using System.Buffers.Binary;
using System.Numerics;

namespace BbuPool.Testing.Transport;

/// <summary>
/// Self-checking frames for transport tests: random bytes after a 4-byte CRC-32C of the rest, so a
/// receiver (or a peer process) verifies a frame with no shared state.
/// </summary>
public static class TransportTestFrames
{
    /// <summary>Frames shorter than this carry no checksum (they are still compared by length).</summary>
    public const int ChecksumBytes = 4;

    /// <summary>Fills <paramref name="frame"/> with random bytes from <paramref name="seed"/> and stamps its checksum.</summary>
    public static void Fill(Span<byte> frame, ulong seed)
    {
        var state = seed | 1;
        var i = ChecksumBytes;
        for (; i + 8 <= frame.Length; i += 8)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            BinaryPrimitives.WriteUInt64LittleEndian(frame[i..], state);
        }

        for (; i < frame.Length; i++)
        {
            frame[i] = (byte)(state >> (8 * (i & 7)));
        }

        if (frame.Length >= ChecksumBytes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(frame, Crc32C(frame[ChecksumBytes..]));
        }
    }

    /// <summary>True when <paramref name="frame"/>'s checksum matches its contents.</summary>
    public static bool Verify(ReadOnlySpan<byte> frame)
        => frame.Length < ChecksumBytes || BinaryPrimitives.ReadUInt32LittleEndian(frame) == Crc32C(frame[ChecksumBytes..]);

    /// <summary>
    /// The length of test frame number <paramref name="index"/>: every 16th a 64 KiB page batch, the
    /// rest random from 0 to <paramref name="maxLength"/> bytes.
    /// </summary>
    public static int RandomLength(Random random, int index, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(random);
        return index % 16 == 0 ? Math.Min(64 * 1024, maxLength) : random.Next(0, maxLength + 1);
    }

    /// <summary>CRC-32C (Castagnoli) with the CPU's crc32 instruction, 8 bytes at a time.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }

        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }

        return ~crc;
    }
}
