using System.Runtime.InteropServices;

namespace BbuPool.Migration.Hosting;

/// <summary>
/// Puts the calling thread under the Linux real-time FIFO policy (sched_setscheduler), as baseband
/// stacks run their L1 threads (OAI and srsRAN ask for SCHED_FIFO). A FIFO thread preempts every
/// ordinary thread the moment it wakes, and Linux gives real-time threads no timer slack, so a
/// TTI thread's sleep ends when asked instead of up to 50 us later.
/// </summary>
public static partial class RealtimeScheduling
{
    /// <summary>The lowest FIFO priority Linux accepts.</summary>
    public const int MinPriority = 1;

    /// <summary>
    /// The highest priority this project asks for. 99 stays with the kernel's own per-core threads
    /// (migration/N, watchdog/N), which must never wait behind a stack.
    /// </summary>
    public const int MaxPriority = 98;

    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    // SCHED_RESET_ON_FORK: threads this thread creates start under the ordinary policy. Without it
    // the runtime's helper threads that a TTI thread happens to start (the tiered-compilation
    // worker, measured) inherit FIFO at the same priority, and FIFO threads of equal priority never
    // preempt each other: a JIT batch then held the TTI thread's core for 5-9 ms.
    private const int SchedResetOnFork = 0x40000000;

    /// <summary>
    /// Moves the calling thread to SCHED_FIFO at <paramref name="priority"/>; false (with the errno)
    /// when the OS refused, typically EPERM without CAP_SYS_NICE or an RLIMIT_RTPRIO of 0.
    /// </summary>
    public static bool TryMakeCurrentThreadFifo(int priority, out int error)
    {
        error = 0;
        if (!OperatingSystem.IsLinux())
        {
            error = -1;
            return false;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(priority, MinPriority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, MaxPriority);
        int param = priority;
        if (SchedSetScheduler(0, SchedFifo | SchedResetOnFork, ref param) == 0)
        {
            return true;
        }

        error = Marshal.GetLastPInvokeError();
        return false;
    }

    /// <summary>Returns the calling thread to the ordinary time-sharing policy.</summary>
    public static bool TryMakeCurrentThreadOrdinary()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        int param = 0;
        return SchedSetScheduler(0, SchedOther, ref param) == 0;
    }

    /// <summary>True when the calling thread runs under SCHED_FIFO.</summary>
    public static bool IsCurrentThreadFifo() => OperatingSystem.IsLinux() && (SchedGetScheduler(0) & ~SchedResetOnFork) == SchedFifo;

    // pid 0 is the calling thread: on Linux the policy belongs to the thread, not the process.
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref int param);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int SchedGetScheduler(int pid);
}
