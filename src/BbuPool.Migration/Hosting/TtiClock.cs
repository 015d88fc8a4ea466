namespace BbuPool.Migration.Hosting;

/// <summary>
/// The cell's TTI grid: TTI <see cref="EpochTti"/> starts at <see cref="EpochTimestamp"/> and each
/// later TTI one <see cref="Period"/> after. Source and destination share it, so a migrated stack
/// keeps the radio's timing.
/// </summary>
/// <param name="EpochTimestamp">TimeProvider timestamp of the epoch TTI's start.</param>
/// <param name="EpochTti">The TTI starting at the epoch.</param>
/// <param name="Period">TTI period.</param>
/// <param name="TimestampFrequency">Timestamp ticks per second.</param>
public readonly record struct TtiClock(long EpochTimestamp, long EpochTti, TimeSpan Period, long TimestampFrequency)
{
    /// <summary>Timestamp at which TTI <paramref name="tti"/> starts.</summary>
    public long StartOf(long tti) =>
        EpochTimestamp + (long)((tti - EpochTti) * Period.TotalSeconds * TimestampFrequency);

    /// <summary>The TTI whose slot holds <paramref name="timestamp"/>.</summary>
    public long TtiAt(long timestamp) =>
        EpochTti + (long)Math.Floor((timestamp - EpochTimestamp) / (Period.TotalSeconds * TimestampFrequency));

    /// <summary>Period in timestamp ticks.</summary>
    public long PeriodTicks => (long)(Period.TotalSeconds * TimestampFrequency);
}
