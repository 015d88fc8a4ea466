namespace BbuPool.Transport;

/// <summary>
/// Writes one frame into <paramref name="destination"/> (the link's own send memory, or a buffer)
/// and returns its length. The memory is valid only during the call and must not be kept.
/// </summary>
public delegate int FrameFill(Memory<byte> destination, object? state);
