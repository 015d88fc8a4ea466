namespace BbuPool.Migration.Hosting;

/// <summary>A snapshot of a host's TTI timings.</summary>
/// <param name="Completed">TTIs processed.</param>
/// <param name="DeadlineMisses">TTIs that finished after their deadline.</param>
/// <param name="Gaps">TTIs a follower (replaying forwarded inputs) skipped because its feed jumped past them (must stay 0). A clocked host runs its TTIs in turn and never counts one here; that it ran each once shows as <paramref name="Completed"/> equal to its first-to-last span.</param>
/// <param name="P50Microseconds">Median processing time.</param>
/// <param name="P99Microseconds">99th percentile processing time.</param>
/// <param name="MaxMicroseconds">Longest processing time.</param>
public readonly record struct TtiStatistics(
    long Completed,
    long DeadlineMisses,
    long Gaps,
    double P50Microseconds,
    double P99Microseconds,
    double MaxMicroseconds);
