using System.Runtime.InteropServices;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.Interop;

/// <summary>The few libc calls the transports need: thread affinity, futexes and page population (Linux).</summary>
internal static partial class LibC
{
    private const string Library = "libc";

    // x86-64 and arm64 Linux syscall numbers of futex(2).
    private static readonly long FutexSyscall = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 98 : 202;

    // FUTEX_WAIT / FUTEX_WAKE without FUTEX_PRIVATE_FLAG: the futex word lives in a shared
    // mapping and the waker may be another process.
    private const int FutexWait = 0;
    private const int FutexWake = 1;

    // madvise(2) advice: fault pages in writable without writing them (Linux 5.14+).
    private const int MadvPopulateWrite = 23;
    private const int MadvHugePage = 14;

    [LibraryImport(Library, EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static unsafe partial int SchedSetAffinity(int pid, nint cpuSetSize, CpuSet* set);

    [LibraryImport(Library, EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static unsafe partial int SchedGetAffinity(int pid, nint cpuSetSize, CpuSet* set);

    // SCHED_OTHER and SCHED_FIFO from <sched.h>.
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    // SCHED_RESET_ON_FORK: threads a FIFO thread creates start under the ordinary policy. Without
    // it the runtime's helper threads that a TTI thread happens to start (the tiered-compilation
    // worker, measured) inherited FIFO at the same priority, and FIFO threads of equal priority
    // never preempt each other: a JIT batch then held the TTI thread's core for 5-9 ms.
    private const int SchedResetOnFork = 0x40000000;

    [LibraryImport(Library, EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref int priority);

    [LibraryImport(Library, EntryPoint = "sched_getscheduler")]
    private static partial int SchedGetScheduler(int pid);

    [LibraryImport(Library, EntryPoint = "madvise", SetLastError = true)]
    private static unsafe partial int Madvise(void* address, nuint length, int advice);

    // Returns the error number itself (0: done), not -1 and errno.
    [LibraryImport(Library, EntryPoint = "posix_fallocate")]
    private static partial int PosixFallocate(Microsoft.Win32.SafeHandles.SafeFileHandle fd, long offset, long length);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial long Syscall(long number, int* address, int operation, int value, Timespec* timeout, nint address2, int value3);

    /// <summary>Pins the calling thread (pid 0 = this thread) to the CPUs in <paramref name="set"/>.</summary>
    public static unsafe bool SetCurrentThreadAffinity(in CpuSet set)
    {
        fixed (CpuSet* p = &set)
        {
            return SchedSetAffinity(0, CpuSet.SizeInBytes, p) == 0;
        }
    }

    /// <summary>
    /// Puts the calling thread (pid 0: on Linux the policy is per thread) under SCHED_FIFO at
    /// <paramref name="priority"/>, with reset-on-fork; 0, or the errno (EPERM without CAP_SYS_NICE).
    /// </summary>
    public static int SetCurrentThreadFifo(int priority) =>
        SchedSetScheduler(0, SchedFifo | SchedResetOnFork, ref priority) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Puts the calling thread back under the ordinary policy (SCHED_OTHER); 0, or the errno.</summary>
    /// <remarks>
    /// Keeps reset-on-fork: the kernel refuses to clear it without CAP_SYS_NICE, so a thread made
    /// FIFO through RLIMIT_RTPRIO could not go back otherwise; under SCHED_OTHER it changes nothing.
    /// </remarks>
    public static int SetCurrentThreadOther()
    {
        int priority = 0;
        return SchedSetScheduler(0, SchedOther | SchedResetOnFork, ref priority) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>True when the calling thread runs under SCHED_FIFO.</summary>
    public static bool CurrentThreadIsFifo() => (SchedGetScheduler(0) & ~SchedResetOnFork) == SchedFifo;

    /// <summary>
    /// True unless process <paramref name="pid"/> is gone: kill(pid, 0) fails with ESRCH, or it is a
    /// zombie (dead, not yet reaped by its parent). 0 means unknown and counts as alive.
    /// </summary>
    public static bool ProcessAlive(int pid)
    {
        // ESRCH = 3: no such process.
        const int NoSuchProcess = 3;
        if (pid <= 0 || pid == Environment.ProcessId)
        {
            return true;
        }

        if (Kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() == NoSuchProcess)
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart().StartsWith("Z", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's CPUs; false on failure.</summary>
    public static unsafe bool GetCurrentThreadAffinity(out CpuSet set)
    {
        set = default;
        fixed (CpuSet* p = &set)
        {
            return SchedGetAffinity(0, CpuSet.SizeInBytes, p) == 0;
        }
    }

    /// <summary>
    /// The CPUs of the process's first thread (sched_getaffinity of the pid, which names that
    /// thread): the set the process was started with, a taskset or a container's CPU list
    /// included, unless code pinned that thread since.
    /// </summary>
    public static unsafe bool GetProcessAffinity(out CpuSet set)
    {
        set = default;
        fixed (CpuSet* p = &set)
        {
            return SchedGetAffinity(Environment.ProcessId, CpuSet.SizeInBytes, p) == 0;
        }
    }

    /// <summary>
    /// Maps every page of [<paramref name="address"/>, + <paramref name="length"/>) writable now,
    /// leaving the contents alone (MADV_POPULATE_WRITE); false where the kernel refuses it.
    /// </summary>
    public static unsafe bool PopulateWrite(void* address, nuint length) =>
        OperatingSystem.IsLinux() && Madvise(address, length, MadvPopulateWrite) == 0;

    /// <summary>
    /// Gives the first <paramref name="length"/> bytes of the open file <paramref name="file"/> real
    /// storage now (posix_fallocate); returns 0 or the error number (ENOSPC: the file system is full).
    /// </summary>
    public static int Reserve(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length)
    {
        ArgumentNullException.ThrowIfNull(file);
        // The marshaller holds the handle open for the call.
        return PosixFallocate(file, 0, length);
    }

    /// <summary>Asks for transparent huge pages over the range (MADV_HUGEPAGE); false where refused.</summary>
    public static unsafe bool AdviseHugePages(void* address, nuint length) =>
        OperatingSystem.IsLinux() && Madvise(address, length, MadvHugePage) == 0;

    /// <summary>Sleeps while *<paramref name="address"/> == <paramref name="expected"/>, at most <paramref name="timeoutNanoseconds"/>.</summary>
    public static unsafe void FutexWaitShared(int* address, int expected, long timeoutNanoseconds)
    {
        var timeout = new Timespec { Seconds = timeoutNanoseconds / 1_000_000_000, Nanoseconds = timeoutNanoseconds % 1_000_000_000 };
        Syscall(FutexSyscall, address, FutexWait, expected, &timeout, 0, 0);
    }

    /// <summary>Wakes every thread (of any process) sleeping on <paramref name="address"/>.</summary>
    public static unsafe void FutexWakeShared(int* address) => Syscall(FutexSyscall, address, FutexWake, int.MaxValue, null, 0, 0);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
