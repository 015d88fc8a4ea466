namespace BbuPool.Transport;

/// <summary>The link or its peer is closed: no more frames will come and none can be sent.</summary>
public sealed class TransportClosedException : TransportException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TransportClosedException()
        : base("The transport link is closed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TransportClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
