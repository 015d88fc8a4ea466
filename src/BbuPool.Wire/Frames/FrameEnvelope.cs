using System.Buffers.Binary;

namespace BbuPool.Wire.Frames;

/// <summary>The frame envelope: magic "BBUW", version, type, flags, body length and CRC-32C, 16 bytes big-endian, then the MessagePack body.</summary>
public static class FrameEnvelope
{
    /// <summary>Bytes of the envelope header.</summary>
    public const int HeaderSize = 16;

    /// <summary>"BBUW" read as a big-endian 32-bit number.</summary>
    public const uint Magic = 0x4242_5557;

    /// <summary>The protocol version this build writes (and the newest it reads).</summary>
    public const byte CurrentVersion = 1;

    /// <summary>The oldest protocol version this build reads.</summary>
    public const byte MinimumVersion = 1;

    /// <summary>Default limit on a body: 16 MiB is 4096 pages of 4 KiB, 64x the 64-page batches the protocol sends.</summary>
    public const int DefaultMaxBodyLength = 16 << 20;

    // The checksum covers the header up to (not including) itself, so a damaged type or length is caught too.
    private const int ChecksummedHeaderBytes = 12;

    /// <summary>Fills <paramref name="header"/> (16 bytes) for <paramref name="body"/>, computing the CRC-32C.</summary>
    public static void WriteHeader(Span<byte> header, FrameType type, ReadOnlySpan<byte> body, byte version = CurrentVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(header.Length, HeaderSize);
        BinaryPrimitives.WriteUInt32BigEndian(header, Magic);
        header[4] = version;
        header[5] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], 0);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], body.Length);
        uint crc = Crc32C.Update(0xFFFF_FFFFu, header[..ChecksummedHeaderBytes]);
        crc = ~Crc32C.Update(crc, body);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], crc);
    }

    /// <summary>Looks for one frame at the start of <paramref name="input"/>; on <see cref="FrameReadStatus.Complete"/> the body is <c>input.Slice(16, header.BodyLength)</c>.</summary>
    public static FrameReadStatus TryReadFrame(ReadOnlySpan<byte> input, out FrameHeader header, int maxBodyLength = DefaultMaxBodyLength)
    {
        header = default;
        if (input.Length < 4)
        {
            return input.SequenceEqual("BBUW"u8[..input.Length]) ? FrameReadStatus.NeedMoreData : FrameReadStatus.BadMagic;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(input) != Magic)
        {
            return FrameReadStatus.BadMagic;
        }

        if (input.Length < HeaderSize)
        {
            return FrameReadStatus.NeedMoreData;
        }

        byte version = input[4];
        if (version is < MinimumVersion or > CurrentVersion)
        {
            return FrameReadStatus.UnsupportedVersion;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(input[8..]);
        if (length > (uint)maxBodyLength)
        {
            return FrameReadStatus.TooLarge;
        }

        header = new FrameHeader(version, (FrameType)input[5], BinaryPrimitives.ReadUInt16BigEndian(input[6..]), (int)length, BinaryPrimitives.ReadUInt32BigEndian(input[12..]));
        if (input.Length - HeaderSize < (int)length)
        {
            return FrameReadStatus.NeedMoreData;
        }

        uint crc = Crc32C.Update(0xFFFF_FFFFu, input[..ChecksummedHeaderBytes]);
        crc = ~Crc32C.Update(crc, input.Slice(HeaderSize, (int)length));
        return crc == header.Checksum ? FrameReadStatus.Complete : FrameReadStatus.ChecksumMismatch;
    }

    /// <summary>Reads one whole frame at the start of <paramref name="input"/> and returns its header; the body follows at offset 16.</summary>
    /// <exception cref="MessagePackFormatException">Incomplete or invalid frame; Offset points at the offending header field.</exception>
    public static FrameHeader ReadFrame(ReadOnlySpan<byte> input, int maxBodyLength = DefaultMaxBodyLength)
    {
        var status = TryReadFrame(input, out var header, maxBodyLength);
        return status switch
        {
            FrameReadStatus.Complete => header,
            FrameReadStatus.NeedMoreData => throw new MessagePackFormatException("The input ends inside the frame.", input.Length),
            FrameReadStatus.BadMagic => throw new MessagePackFormatException("Not a BbuPool frame: bad magic.", 0),
            FrameReadStatus.UnsupportedVersion => throw new MessagePackFormatException($"Unsupported protocol version {input[4]} (this build reads {MinimumVersion}..{CurrentVersion}).", 4),
            FrameReadStatus.TooLarge => throw new MessagePackFormatException($"The body length exceeds the limit of {maxBodyLength} bytes.", 8),
            _ => throw new MessagePackFormatException("CRC-32C mismatch: the frame is damaged.", 12),
        };
    }
}
