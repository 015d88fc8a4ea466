namespace BbuPool.Migration.Benchmarking;

/// <summary>Everything `bbupool bench migration` measured in one run.</summary>
public sealed record MigrationBenchmarkReport
{
    /// <summary>Transport used.</summary>
    public string Transport { get; init; } = string.Empty;

    /// <summary>When each migration's link pair was opened: "before each cell" or "before each migration" (<see cref="MigrationBenchmarkOptions.PrepareLinks"/>).</summary>
    public string LinksOpened { get; init; } = string.Empty;

    /// <summary>"quick" or "full" (or "custom" when cells were overridden).</summary>
    public string Mode { get; init; } = string.Empty;

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; init; }

    /// <summary>Logical processors of the machine.</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The CRC-32C loop this CPU takes (<see cref="BbuPool.Wire.Frames.Crc32C.Path"/>): every frame is checksummed on both ends, so it moves the byte path's speed.</summary>
    public string CrcPath { get; init; } = BbuPool.Wire.Frames.Crc32C.Path;

    /// <summary>The kernel settings that move wake-up latency (preemption model, idle driver, halt polling, isolated CPUs).</summary>
    public KernelSchedulingFacts Kernel { get; init; } = KernelSchedulingFacts.Unknown;

    /// <summary>/proc/loadavg when the run started (empty where there is none): the machine is shared.</summary>
    public string LoadAverageStart { get; init; } = string.Empty;

    /// <summary>/proc/loadavg when the run ended.</summary>
    public string LoadAverageEnd { get; init; } = string.Empty;

    /// <summary>
    /// The link's peak bandwidth, measured in the same run before the migrations (bytes/s, best of
    /// five rounds; 0: not measured): frames read from a 64 MiB image, dropped at the receiver.
    /// </summary>
    public double LinkBytesPerSecond { get; init; }

    /// <summary>
    /// Per state size of the plan (MiB), the link's rate moving a whole image of that size from one
    /// buffer into another (bytes/s, best of three; sizes above 256 MiB are measured at 256 MiB):
    /// the "size / measured bandwidth" the pre-copy total-time target divides by. Empty: not measured.
    /// </summary>
    public IReadOnlyDictionary<int, double> StateLinkBytesPerSecond { get; init; } = new Dictionary<int, double>();

    /// <summary>
    /// How the stack threads ran: "ordinary", or with "pinned" and/or "SCHED_FIFO N" (with
    /// "refused" when the OS did not grant it), the conditions the latency figures depend on.
    /// </summary>
    public string StackThreads { get; init; } = "ordinary";

    /// <summary>The control: per load, a lone stack's missed TTIs with no migration (empty: not measured).</summary>
    public IReadOnlyList<IdleStackMisses> Control { get; init; } = [];

    /// <summary>Per method, the discarded warm-up migrations and how busy the JIT still was at their end (empty: none).</summary>
    public IReadOnlyList<MethodWarmup> Warmup { get; init; } = [];

    /// <summary>Per cell.</summary>
    public IReadOnlyList<MigrationCellResult> Cells { get; init; } = [];

    /// <summary>Seed 003 curve points (pre-copy runs).</summary>
    public IReadOnlyList<ConvergencePoint> Convergence { get; init; } = [];

    /// <summary>Wall time of the benchmark (s).</summary>
    public double Seconds { get; init; }

    /// <summary>Garbage collections over the whole run (each cell's own are in its result).</summary>
    public GarbageCollections Collections { get; init; }

    /// <summary>How many of <see cref="Collections"/> fell inside cells.</summary>
    public int CollectionsInCells => Cells.Sum(c => c.GcCollections);

    /// <summary>The control run at <paramref name="load"/> (a cell's), or null when none was.</summary>
    public IdleStackMisses? ControlAt(double load) => Control.FirstOrDefault(c => Math.Abs(c.Load - load) < 1e-6);

    /// <summary>Reads /proc/loadavg's first three fields, or an empty string.</summary>
    public static string ReadLoadAverage()
    {
        var fields = (HostFiles.TryReadText("/proc/loadavg") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 3 ? string.Join(' ', fields[..3]) : string.Empty;
    }
}
