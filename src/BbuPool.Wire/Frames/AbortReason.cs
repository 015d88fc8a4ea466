namespace BbuPool.Wire.Frames;

/// <summary>Why a migration was given up (abort frame field 0); unknown values from newer peers are kept as numbers.</summary>
public enum AbortReason
{
    /// <summary>No reason given.</summary>
    Unspecified = 0,

    /// <summary>An operator or the scheduler cancelled it.</summary>
    Requested = 1,

    /// <summary>A step did not finish in time.</summary>
    Timeout = 2,

    /// <summary>The hello's HMAC-SHA256 tag did not verify.</summary>
    AuthenticationFailed = 3,

    /// <summary>The peers share no protocol version.</summary>
    VersionMismatch = 4,

    /// <summary>A frame's CRC-32C did not match.</summary>
    ChecksumMismatch = 5,

    /// <summary>Pre-copy rounds stopped shrinking the dirty set (dirty rate at or above bandwidth).</summary>
    NotConverging = 6,

    /// <summary>The destination failed or cannot host the stack.</summary>
    DestinationFailed = 7,

    /// <summary>The source failed.</summary>
    SourceFailed = 8,

    /// <summary>A frame arrived out of order or was malformed.</summary>
    ProtocolError = 9,

    /// <summary>The stack would miss its TTI deadline if the migration went on.</summary>
    DeadlineAtRisk = 10,
}
