namespace BbuPool.Wire.Frames;

/// <summary>The outcome of <see cref="FrameEnvelope.TryReadFrame"/>.</summary>
public enum FrameReadStatus
{
    /// <summary>A whole, valid frame is at the start of the input.</summary>
    Complete = 0,

    /// <summary>The input holds only part of a frame: read more bytes and try again.</summary>
    NeedMoreData,

    /// <summary>The first 4 bytes are not the magic "BBUW": not a frame, or the stream lost its framing.</summary>
    BadMagic,

    /// <summary>A protocol version this build does not speak.</summary>
    UnsupportedVersion,

    /// <summary>The body length exceeds the reader's limit.</summary>
    TooLarge,

    /// <summary>The CRC-32C does not match: the bytes were damaged.</summary>
    ChecksumMismatch,
}
