namespace BbuPool.StatePlane;

/// <summary>
/// The store could not be reached or is not ready (connection lost, Redis restarting or loading).
/// Whether the operation applied is unknown: retry it (plan commits are idempotent by plan id).
/// </summary>
public sealed class StatePlaneUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StatePlaneUnavailableException()
        : base("The state plane is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StatePlaneUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StatePlaneUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
