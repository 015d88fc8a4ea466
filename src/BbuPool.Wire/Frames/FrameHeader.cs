namespace BbuPool.Wire.Frames;

/// <summary>The fixed 16-byte envelope in front of every frame body (docs/wire-format.md).</summary>
/// <param name="Version">Protocol version of the frame.</param>
/// <param name="Type">The frame type.</param>
/// <param name="Flags">Reserved; 0 in version 1, ignored by readers.</param>
/// <param name="BodyLength">Bytes of MessagePack body after the header.</param>
/// <param name="Checksum">CRC-32C over header bytes 0..11 and the body.</param>
public readonly record struct FrameHeader(byte Version, FrameType Type, ushort Flags, int BodyLength, uint Checksum)
{
    /// <summary>Header plus body: the bytes this frame takes on the wire.</summary>
    public int FrameLength => FrameEnvelope.HeaderSize + BodyLength;
}
