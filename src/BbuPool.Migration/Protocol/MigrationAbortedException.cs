using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>A migration was given up; <see cref="Reason"/> says why (sent or received in an abort frame).</summary>
public sealed class MigrationAbortedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationAbortedException(AbortReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with an unspecified reason.</summary>
    public MigrationAbortedException()
        : this(AbortReason.Unspecified, "Migration aborted.")
    {
    }

    /// <summary>Creates the exception with an unspecified reason.</summary>
    public MigrationAbortedException(string message)
        : this(AbortReason.Unspecified, message)
    {
    }

    /// <summary>Creates the exception with an unspecified reason.</summary>
    public MigrationAbortedException(string message, Exception inner)
        : this(AbortReason.Unspecified, message, inner)
    {
    }

    /// <summary>Why.</summary>
    public AbortReason Reason { get; }

    /// <summary>True when the peer sent the abort (false: this side gave up).</summary>
    public bool FromPeer { get; init; }

    /// <summary>For a peer's abort: whether the peer said it still runs the stack (null: it did not say).</summary>
    public bool? PeerRunning { get; init; }
}
