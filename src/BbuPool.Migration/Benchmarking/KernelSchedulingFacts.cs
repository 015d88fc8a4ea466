using System.Globalization;
using System.IO.Compression;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The kernel settings that decide how late a sleeping TTI thread wakes, read from /proc and
/// /sys: the latency figures of a run mean little without them. Measured on these VMs
/// (docs/migration-benchmarks.md, 2026-12-03): guest halt polling at 200000 ns instead of 0 took
/// hot-standby 4 MiB downtime p99 from 20-184 us to 1-2 us and pre-copy 64 MiB total p50 from
/// 19.5-20.0 to 15.4-17.5 ms (Intel VM); with preemption "none", a TTI wake-up waited up to
/// 3.6 ms behind another thread's kernel work (AMD VM, perf sched).
/// </summary>
/// <param name="Preemption">The preemption model: none, voluntary, full, lazy or rt; empty when no source told.</param>
/// <param name="PreemptionSource">Where <paramref name="Preemption"/> came from: "debugfs" (the live mode), "cmdline" (preempt=), "config" (the build's default, /proc/config.gz or /boot/config-RELEASE) or "version" (uname -v); empty when unknown.</param>
/// <param name="PreemptDynamic">The kernel can switch the model at boot (CONFIG_PREEMPT_DYNAMIC): a config default may then be overridden.</param>
/// <param name="CpuIdleDriver">The cpuidle driver (haltpoll, intel_idle, acpi_idle, none); empty when unknown.</param>
/// <param name="CpuIdleGovernor">The cpuidle governor (menu, teo, ladder, haltpoll); empty when unknown.</param>
/// <param name="GuestHaltPollNs">The haltpoll driver's guest_halt_poll_ns; null without that driver's module.</param>
/// <param name="TickHz">CONFIG_HZ; null when no config is readable.</param>
/// <param name="IsolatedCpus">CPUs isolated from the scheduler (isolcpus), as the kernel lists them; empty: none.</param>
/// <param name="NohzFullCpus">CPUs without the periodic tick (nohz_full); empty: none.</param>
public sealed record KernelSchedulingFacts(
    string Preemption,
    string PreemptionSource,
    bool PreemptDynamic,
    string CpuIdleDriver,
    string CpuIdleGovernor,
    long? GuestHaltPollNs,
    int? TickHz,
    string IsolatedCpus,
    string NohzFullCpus)
{
    private static readonly (string Option, string Model)[] ConfigModels =
    [
        ("CONFIG_PREEMPT_RT", "rt"),
        ("CONFIG_PREEMPT_LAZY", "lazy"),
        ("CONFIG_PREEMPT", "full"),
        ("CONFIG_PREEMPT_VOLUNTARY", "voluntary"),
        ("CONFIG_PREEMPT_NONE", "none"),
    ];

    private static readonly (string Word, string Model)[] VersionModels =
    [
        ("PREEMPT_RT", "rt"),
        ("PREEMPT_LAZY", "lazy"),
        ("PREEMPT", "full"),
    ];

    /// <summary>Nothing known (a report made without reading the machine).</summary>
    public static KernelSchedulingFacts Unknown { get; } = new(string.Empty, string.Empty, false, string.Empty, string.Empty, null, null, string.Empty, string.Empty);

    /// <summary>Reads this machine's settings; <paramref name="root"/> stands for "/" (tests point it at a made-up tree).</summary>
    public static KernelSchedulingFacts Read(string root = "/")
    {
        ArgumentNullException.ThrowIfNull(root);
        string? Text(string path) => HostFiles.TryReadText(Path.Combine(root, path));
        // /proc/config.gz where the kernel offers it, else the distribution's /boot/config-RELEASE.
        var config = TryReadConfig(Path.Combine(root, "proc/config.gz"), gzip: true);
        if (config.Count == 0 && Text("proc/sys/kernel/osrelease") is { Length: > 0 } release)
        {
            config = TryReadConfig(Path.Combine(root, "boot", "config-" + release), gzip: false);
        }

        string version = Text("proc/sys/kernel/version") ?? string.Empty;
        var (preemption, source) = PreemptionFrom(Text("sys/kernel/debug/sched/preempt"), Text("proc/cmdline"), config, version);
        return new KernelSchedulingFacts(
            preemption,
            source,
            config.TryGetValue("CONFIG_PREEMPT_DYNAMIC", out var dynamic) ? dynamic == "y" : version.Contains("PREEMPT_DYNAMIC", StringComparison.Ordinal),
            Text("sys/devices/system/cpu/cpuidle/current_driver") ?? string.Empty,
            Text("sys/devices/system/cpu/cpuidle/current_governor") ?? Text("sys/devices/system/cpu/cpuidle/current_governor_ro") ?? string.Empty,
            long.TryParse(Text("sys/module/haltpoll/parameters/guest_halt_poll_ns"), NumberStyles.None, CultureInfo.InvariantCulture, out long poll) ? poll : null,
            config.TryGetValue("CONFIG_HZ", out var hz) && int.TryParse(hz, NumberStyles.None, CultureInfo.InvariantCulture, out int tick) ? tick : null,
            Text("sys/devices/system/cpu/isolated") ?? string.Empty,
            Text("sys/devices/system/cpu/nohz_full") ?? string.Empty);
    }

    /// <summary>
    /// The model from the best source there is: the live mode in debugfs ("none voluntary (full)
    /// lazy", the chosen one in brackets; root only, and not on every VM), else a preempt= on the
    /// command line, else the build's default, else what uname -v says.
    /// </summary>
    public static (string Model, string Source) PreemptionFrom(string? debugfs, string? cmdline, IReadOnlyDictionary<string, string> config, string version)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(version);
        if (debugfs is not null)
        {
            int open = debugfs.IndexOf('(', StringComparison.Ordinal);
            int close = open < 0 ? -1 : debugfs.IndexOf(')', open);
            if (close > open + 1)
            {
                return (debugfs[(open + 1)..close], "debugfs");
            }
        }

        foreach (var word in (cmdline ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("preempt=", StringComparison.Ordinal) && word.Length > "preempt=".Length)
            {
                return (word["preempt=".Length..], "cmdline");
            }
        }

        // Most specific first: an RT build also has CONFIG_PREEMPTION, a lazy one CONFIG_PREEMPT_BUILD.
        foreach (var (option, model) in ConfigModels)
        {
            if (config.TryGetValue(option, out var value) && value == "y")
            {
                return (model, "config");
            }
        }

        var words = version.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (word, model) in VersionModels)
        {
            if (words.Contains(word, StringComparer.Ordinal))
            {
                return (model, "version");
            }
        }

        return (string.Empty, string.Empty);
    }

    /// <summary>One line for a console or a table.</summary>
    public string Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        string preemption = Preemption.Length == 0 ? "unknown" : $"{Preemption} ({PreemptionSource}{(PreemptDynamic ? ", dynamic" : string.Empty)})";
        string idle = CpuIdleDriver.Length == 0 ? "unknown" : $"{CpuIdleDriver}/{(CpuIdleGovernor.Length == 0 ? "?" : CpuIdleGovernor)}";
        string poll = GuestHaltPollNs is { } ns ? string.Create(inv, $", guest_halt_poll_ns {ns}") : string.Empty;
        string hz = TickHz is { } t ? string.Create(inv, $", HZ {t}") : string.Empty;
        return $"preemption {preemption}, cpuidle {idle}{poll}{hz}, isolated {OrNone(IsolatedCpus)}, nohz_full {OrNone(NohzFullCpus)}";
    }

    private static string OrNone(string cpus) => cpus.Length == 0 ? "none" : cpus;

    /// <summary>A kernel build config (gzipped as /proc/config.gz, or plain), option to value; empty when there is none.</summary>
    private static Dictionary<string, string> TryReadConfig(string path, bool gzip)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var file = File.OpenRead(path);
            using Stream text = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(text);
            while (reader.ReadLine() is { } line)
            {
                int eq = line.IndexOf('=', StringComparison.Ordinal);
                if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && eq > 0)
                {
                    options[line[..eq]] = line[(eq + 1)..];
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            options.Clear();
        }

        return options;
    }
}
