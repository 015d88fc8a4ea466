using BbuPool.Transport.Interop;

namespace BbuPool.Transport.Threading;

/// <summary>
/// Pins the calling thread to one CPU. Busy-polling senders and receivers must each own a core:
/// two busy-pollers on one core make every hand-off wait for a 4 ms scheduler tick (measured).
/// </summary>
public static class CpuAffinity
{
    /// <summary>
    /// Pins the calling OS thread to <paramref name="cpu"/> (0 to <see cref="CpuSet.Capacity"/> - 1);
    /// false when the OS refused or the CPU does not exist.
    /// </summary>
    public static bool TryPinCurrentThread(int cpu) =>
        cpu is >= 0 and < CpuSet.Capacity && TrySetCurrentThreadSet(CpuSet.Of(cpu));

    /// <summary>Lets the calling thread run on the CPUs in <paramref name="set"/> only; false when refused or empty.</summary>
    public static bool TrySetCurrentThreadSet(CpuSet set) => OperatingSystem.IsLinux() && set.Count > 0 && LibC.SetCurrentThreadAffinity(set);

    /// <summary>The CPUs the calling thread may run on; false when unknown.</summary>
    public static bool TryGetCurrentThreadSet(out CpuSet set)
    {
        set = default;
        return OperatingSystem.IsLinux() && LibC.GetCurrentThreadAffinity(out set);
    }

    /// <summary>Pins the calling thread to the CPUs in <paramref name="mask"/> (bit N = CPU N, CPUs 0-63); false when refused.</summary>
    public static bool TrySetCurrentThreadMask(ulong mask) => TrySetCurrentThreadSet(CpuSet.FromMask(mask));

    /// <summary>CPUs 0-63 of the calling thread's set as a mask (bit N = CPU N), or 0 when unknown.</summary>
    public static ulong GetCurrentThreadMask() => TryGetCurrentThreadSet(out var set) ? set.LowMask : 0;

    /// <summary>The CPUs the process was started with (its first thread's set); false when unknown.</summary>
    public static bool TryGetProcessSet(out CpuSet set)
    {
        set = default;
        return OperatingSystem.IsLinux() && LibC.GetProcessAffinity(out set) && set.Count > 0;
    }

    /// <summary>
    /// Lets the calling thread run on the CPUs the process was started with again
    /// (<see cref="TryGetProcessSet"/>), so a process under taskset or a container's CPU list stays
    /// inside it; where that set cannot be read, CPUs 0 to <see cref="Environment.ProcessorCount"/> - 1.
    /// A thread that saved its own set (<see cref="TryGetCurrentThreadSet"/>) restores that instead.
    /// </summary>
    /// <remarks>
    /// It used to be CPUs 0 to ProcessorCount - 1 always, but ProcessorCount counts the process's
    /// CPUs, not their numbers: under `taskset -c 1` it is 1, and "unpinning" moved the thread to
    /// CPU 0 alone, outside the process's set (CpuAffinityProcessTests, PeerHost --mode unpin-check).
    /// </remarks>
    public static bool TryUnpinCurrentThread()
    {
        if (TryGetProcessSet(out var process))
        {
            return TrySetCurrentThreadSet(process);
        }

        var all = default(CpuSet);
        for (int cpu = 0; cpu < Math.Min(Environment.ProcessorCount, CpuSet.Capacity); cpu++)
        {
            all.Add(cpu);
        }

        return TrySetCurrentThreadSet(all);
    }

    /// <summary>
    /// Runs the calling thread under SCHED_FIFO at <paramref name="priority"/> (1-99), as a BBU stack's
    /// TTI thread runs; false when not permitted (needs root or CAP_SYS_NICE). Threads it starts
    /// later run under the ordinary policy (SCHED_RESET_ON_FORK). The kernel's RT throttling (95 %
    /// of each second by default) still leaves the machine 5 %.
    /// </summary>
    public static bool TrySetFifoPriority(int priority) => TrySetFifoPriority(priority, out _);

    /// <summary>As <see cref="TrySetFifoPriority(int)"/>, with the errno of a refusal (-1: not Linux or priority out of 1-99).</summary>
    public static bool TrySetFifoPriority(int priority, out int error)
    {
        if (!OperatingSystem.IsLinux() || priority is < 1 or > 99)
        {
            error = -1;
            return false;
        }

        error = LibC.SetCurrentThreadFifo(priority);
        return error == 0;
    }

    /// <summary>Puts the calling thread back under the ordinary policy (SCHED_OTHER); false when refused or not Linux.</summary>
    public static bool TryClearFifoPriority() => OperatingSystem.IsLinux() && LibC.SetCurrentThreadOther() == 0;

    /// <summary>True when the calling thread runs under SCHED_FIFO.</summary>
    public static bool IsCurrentThreadFifo() => OperatingSystem.IsLinux() && LibC.CurrentThreadIsFifo();

    /// <summary>Starts a dedicated background thread pinned to <paramref name="cpu"/> (unpinned when pinning is refused), under SCHED_FIFO when <paramref name="fifoPriority"/> &gt; 0 and permitted, that runs <paramref name="body"/>.</summary>
    public static Thread StartPinned(int cpu, string name, Action body, int fifoPriority = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        var thread = new Thread(() =>
        {
            TryPinCurrentThread(cpu);
            if (fifoPriority > 0)
            {
                TrySetFifoPriority(fifoPriority);
            }

            body();
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return thread;
    }
}
