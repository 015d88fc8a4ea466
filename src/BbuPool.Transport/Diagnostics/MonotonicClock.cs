using System.Diagnostics;

namespace BbuPool.Transport.Diagnostics;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds: the clock every transport stamps frames with, shared by all
/// processes of a host and by the native shim (clock_gettime), so one-way latency can be measured
/// across processes.
/// </summary>
public static class MonotonicClock
{
    // On Linux Stopwatch is CLOCK_MONOTONIC with a 1 GHz frequency; the general path keeps other OSes correct.
    private static readonly bool IsNanosecondClock = Stopwatch.Frequency == 1_000_000_000;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>The current monotonic time in nanoseconds.</summary>
    public static long NowNanoseconds()
    {
        var ticks = Stopwatch.GetTimestamp();
        return IsNanosecondClock ? ticks : (long)(ticks * NanosecondsPerTick);
    }
}
