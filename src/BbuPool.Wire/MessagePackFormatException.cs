namespace BbuPool.Wire;

/// <summary>Thrown when MessagePack input is malformed, truncated, too deep or not of the expected type; carries the byte offset.</summary>
public sealed class MessagePackFormatException : FormatException
{
    /// <summary>Creates an exception with no offset (-1).</summary>
    public MessagePackFormatException()
        : this("Invalid MessagePack input.", -1)
    {
    }

    /// <summary>Creates an exception with a message and no offset (-1).</summary>
    public MessagePackFormatException(string message)
        : this(message, -1)
    {
    }

    /// <summary>Creates an exception with a message, no offset (-1) and an inner exception.</summary>
    public MessagePackFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Offset = -1;
    }

    /// <summary>Creates an exception for the byte at <paramref name="offset"/>.</summary>
    public MessagePackFormatException(string message, long offset)
        : base(offset >= 0 ? $"{message} (at byte offset {offset})" : message)
    {
        Offset = offset;
    }

    /// <summary>The offset, from the start of the input, of the byte where decoding failed; -1 when unknown.</summary>
    public long Offset { get; }
}
