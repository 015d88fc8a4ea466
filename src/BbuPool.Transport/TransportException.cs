namespace BbuPool.Transport;

/// <summary>A transport failed: set-up (missing DPDK, bad address), protocol or I/O.</summary>
public class TransportException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public TransportException()
        : base("The transport failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
