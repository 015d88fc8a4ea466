using System.Globalization;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// CPU time the hypervisor gave to others while this VM's vCPUs wanted to run (the "steal"
/// column of /proc/stat, all CPUs together). A stolen stretch stalls whatever ran, TTI threads
/// included, and no guest setting helps: on this project's VMs a 17 s hot-standby run saw 1.05 s
/// stolen over its two vCPUs, and every benchmark cell with 360 ms or more stolen missed 61 TTIs
/// or more (docs/migration-benchmarks.md, 2026-12-03).
/// </summary>
public static class StolenTime
{
    // /proc/stat counts in USER_HZ, which the kernel's ABI fixes at 100 per second on x86-64 and
    // arm64, the machines this project builds for.
    private const double TicksPerSecond = 100;

    /// <summary>Stolen time so far, in ms, from <paramref name="root"/>/proc/stat; NaN where there is none (not Linux, no steal column).</summary>
    public static double ReadMs(string root = "/")
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var line in (HostFiles.TryReadText(Path.Combine(root, "proc/stat")) ?? string.Empty).Split('\n'))
        {
            if (line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                // cpu user nice system idle iowait irq softirq steal ...
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 8 && long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
                    ? ticks * 1e3 / TicksPerSecond
                    : double.NaN;
            }
        }

        return double.NaN;
    }
}
