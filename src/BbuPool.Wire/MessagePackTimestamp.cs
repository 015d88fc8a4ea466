namespace BbuPool.Wire;

/// <summary>The MessagePack timestamp extension (type -1): seconds since the Unix epoch and nanoseconds (0..999,999,999).</summary>
/// <param name="Seconds">Seconds since 1970-01-01T00:00:00Z, may be negative.</param>
/// <param name="Nanoseconds">Nanoseconds within the second, 0..999,999,999.</param>
public readonly record struct MessagePackTimestamp(long Seconds, uint Nanoseconds)
{
    /// <summary>Nanoseconds in a second: the spec's upper bound (exclusive) for <see cref="Nanoseconds"/>.</summary>
    public const uint NanosecondsPerSecond = 1_000_000_000;

    // A .NET tick is 100 ns.
    private const long NanosecondsPerTick = 100;

    /// <summary>Converts a <see cref="DateTimeOffset"/> (100 ns resolution) to a timestamp.</summary>
    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            // Floor division: nanoseconds are always non-negative in the spec.
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new MessagePackTimestamp(seconds, (uint)(remainder * NanosecondsPerTick));
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/> (UTC), truncating to 100 ns; false when outside years 1..9999.</summary>
    public bool TryToDateTimeOffset(out DateTimeOffset value)
    {
        // Seconds of 0001-01-01 and 9999-12-31T23:59:59 relative to the Unix epoch.
        const long MinSeconds = -62_135_596_800;
        const long MaxSeconds = 253_402_300_799;
        if (Seconds < MinSeconds || Seconds > MaxSeconds || Nanoseconds >= NanosecondsPerSecond)
        {
            value = default;
            return false;
        }

        long ticks = DateTimeOffset.UnixEpoch.Ticks + (Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / NanosecondsPerTick);
        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/> (UTC), truncating to 100 ns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside years 1..9999 or nanoseconds out of range.</exception>
    public DateTimeOffset ToDateTimeOffset() =>
        TryToDateTimeOffset(out var value) ? value : throw new ArgumentOutOfRangeException(nameof(Seconds), "The timestamp is outside the DateTimeOffset range.");
}
