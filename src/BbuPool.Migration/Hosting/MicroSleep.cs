using System.Runtime.InteropServices;

namespace BbuPool.Migration.Hosting;

/// <summary>Sleeps with microsecond resolution (Thread.Sleep only has 1 ms steps).</summary>
public static partial class MicroSleep
{
    /// <summary>Sleeps the calling thread for <paramref name="microseconds"/> (usleep on Linux).</summary>
    public static void For(int microseconds)
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
}
