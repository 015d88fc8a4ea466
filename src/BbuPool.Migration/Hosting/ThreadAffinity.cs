using System.Runtime.InteropServices;

namespace BbuPool.Migration.Hosting;

/// <summary>Pins the calling thread to one core (Linux sched_setaffinity); a no-op elsewhere.</summary>
public static partial class ThreadAffinity
{
    /// <summary>Pins the calling thread to <paramref name="core"/>; false when the OS refused.</summary>
    public static bool TryPinCurrentThread(int core)
    {
        if (!OperatingSystem.IsLinux() || core < 0 || core >= 1024)
        {
            return false;
        }

        // cpu_set_t is 1024 bits (128 bytes) in glibc.
        Span<ulong> mask = stackalloc ulong[16];
        mask[core >> 6] = 1UL << (core & 63);
        unsafe
        {
            fixed (ulong* p = mask)
            {
                return SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), p) == 0;
            }
        }
    }

    /// <summary>Lets the calling thread run on every core again.</summary>
    public static bool TryUnpinCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        Span<ulong> mask = stackalloc ulong[16];
        int cores = Math.Min(Environment.ProcessorCount, 1024);
        for (int c = 0; c < cores; c++)
        {
            mask[c >> 6] |= 1UL << (c & 63);
        }

        unsafe
        {
            fixed (ulong* p = mask)
            {
                return SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), p) == 0;
            }
        }
    }

    /// <summary>Sleeps the calling thread for <paramref name="microseconds"/> (usleep; Thread.Sleep only has 1 ms steps).</summary>
    public static void SleepMicroseconds(int microseconds)
    {
        if (microseconds <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            _ = USleep((uint)microseconds);
        }
        else
        {
            Thread.Sleep(Math.Max(1, microseconds / 1000));
        }
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static unsafe partial int SchedSetAffinity(int pid, nuint size, ulong* mask);
}
