namespace BbuPool.Migration.Hosting;

/// <summary>Tuning of a <see cref="StackHost"/>.</summary>
public sealed class StackHostOptions
{
    /// <summary>The lowest SCHED_FIFO priority Linux accepts.</summary>
    public const int MinRealtimePriority = 1;

    /// <summary>
    /// The highest priority a stack may ask for: 99 stays with the kernel's own per-core threads
    /// (migration/N, watchdog/N), which must never wait behind a stack.
    /// </summary>
    public const int MaxRealtimePriority = 98;

    /// <summary>TTI period (LTE: 1 ms). <see cref="TimeSpan.Zero"/> runs TTIs back to back (tests).</summary>
    public TimeSpan TtiPeriod { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Processing deadline after a TTI's start. One period by default: the stack must keep pace
    /// (LTE HARQ allows ~3 ms for transport + decode + answer, but the next TTI arrives after 1 ms).
    /// </summary>
    public TimeSpan? Deadline { get; set; }

    /// <summary>Core to pin the TTI thread to (sched_setaffinity), or null for no pinning.</summary>
    public int? PinnedCore { get; set; }

    /// <summary>
    /// SCHED_FIFO priority of the TTI thread (1-98), or null for the ordinary policy, as baseband
    /// stacks run their L1 threads (OAI and srsRAN ask for SCHED_FIFO). With it the thread preempts
    /// the engine, the GC thread and other processes at each TTI start, and Linux gives it no timer
    /// slack (50 us otherwise). A replica runs one priority lower until it is promoted. Ignored when <see cref="TtiPeriod"/> is zero: back-to-back TTIs never
    /// sleep, and a FIFO thread that never sleeps owns its core (the kernel's real-time throttle,
    /// 950 ms of every second by default, is all that would be left to the rest).
    /// </summary>
    public int? RealtimePriority { get; set; }

    /// <summary>
    /// How to wait for the next TTI. Real deployments spin on an isolated core; on a shared
    /// 2-core machine yielding (or sleeping, in tests) is kinder.
    /// </summary>
    public TtiWait Wait { get; set; } = TtiWait.Yield;

    /// <summary>Thread name (shows in dumps and top).</summary>
    public string Name { get; set; } = "stack";

    /// <summary>TTI durations kept for percentiles (a ring; 65,536 = 65 s of LTE).</summary>
    public int TimingCapacity { get; set; } = 65536;
}
