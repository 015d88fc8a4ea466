namespace BbuPool.Migration.Protocol;

/// <summary>One pre-copy round as measured.</summary>
/// <param name="Round">Round number from 0.</param>
/// <param name="Pages">Pages sent.</param>
/// <param name="WireBytes">Bytes on the wire.</param>
/// <param name="Seconds">Duration.</param>
/// <param name="DirtyAfter">Pages dirty when it ended.</param>
public readonly record struct RoundRecord(int Round, int Pages, long WireBytes, double Seconds, int DirtyAfter);
