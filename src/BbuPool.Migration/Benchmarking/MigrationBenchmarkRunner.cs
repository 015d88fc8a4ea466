using System.Globalization;
using System.Runtime;
using BbuPool.Core.Migration;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Transport;
using BbuPool.Transport.Benchmarking;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// Measures every method over a real link: per (size, load) one reference stack runs on the TTI
/// clock and is migrated back and forth (each committed destination is the next source), so every
/// run moves a live, warm stack. Figures are taken from the hosts' own TTI timestamps. A watchdog
/// bounds each migration: one that gives no result in time is recorded as failed with its reason
/// and the cell goes on with a fresh stack.
/// </summary>
public sealed partial class MigrationBenchmarkRunner
{
    private static readonly byte[] BenchKey = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();
    private readonly MigrationBenchmarkOptions _options;
    private readonly Func<CancellationToken, Task<(ITransportLink Source, ITransportLink Destination)>> _links;
    private readonly string _transport;
    private readonly string _mode;
    private bool _realtimeRefused;

    /// <summary>Creates a runner; <paramref name="links"/> makes one connected link pair per migration.</summary>
    public MigrationBenchmarkRunner(MigrationBenchmarkOptions options, Func<CancellationToken, Task<(ITransportLink Source, ITransportLink Destination)>> links, string transport, string mode = "full")
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _transport = transport;
        _mode = mode;
    }

    /// <summary>Runs the link probe, the warm-up and every planned cell.</summary>
    public async Task<MigrationBenchmarkReport> RunAsync(IProgress<MigrationBenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        long t0 = TimeProvider.System.GetTimestamp();
        var collections = GarbageCollections.Now();
        var started = DateTimeOffset.UtcNow;
        string loadStart = MigrationBenchmarkReport.ReadLoadAverage();
        var kernel = KernelSchedulingFacts.Read();
        var plan = _options.Plan();
        var cells = new List<MigrationCellResult>();
        var curve = new List<ConvergencePoint>();

        progress?.Report(new MigrationBenchmarkProgress("link", 0, plan.Count, default, 0, null));
        var (link, stateLink) = await MeasureLinkAsync(plan, cancellationToken);

        // Warm-up, discarded: without it the first migrations of a process run tier-0 JIT code
        // and measure the JIT (the link rate of the first runs was 4-10x below the later ones).
        var warmups = new List<MethodWarmup>();
        foreach (var method in _options.WarmupRepetitions > 0 ? _options.Methods : [])
        {
            warmups.Add(await WarmUpAsync(method, plan, progress, cancellationToken));
        }

        // After the warm-up, so the control's stack runs the same tiered-up code as the cells'.
        progress?.Report(new MigrationBenchmarkProgress("control", 0, plan.Count, default, 0, null));
        var control = await MeasureControlAsync(plan, cancellationToken);

        for (int i = 0; i < plan.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new MigrationBenchmarkProgress("cell", i, plan.Count, plan[i], 0, null));
            var cell = await RunCellAsync(plan[i], curve, progress, i, plan.Count, cancellationToken);
            cells.Add(cell);
            progress?.Report(new MigrationBenchmarkProgress("cell", i + 1, plan.Count, plan[i], cell.Runs, cell));
        }

        progress?.Report(new MigrationBenchmarkProgress("done", plan.Count, plan.Count, default, 0, null));
        return new MigrationBenchmarkReport
        {
            Transport = _transport,
            LinksOpened = _options.PrepareLinks ? "before each cell" : "before each migration",
            Mode = _mode,
            StartedUtc = started,
            Kernel = kernel,
            LoadAverageStart = loadStart,
            LoadAverageEnd = MigrationBenchmarkReport.ReadLoadAverage(),
            LinkBytesPerSecond = link,
            StateLinkBytesPerSecond = stateLink,
            Control = control,
            Warmup = warmups,
            StackThreads = DescribeStackThreads(),
            Cells = cells,
            Convergence = curve,
            Seconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds,
            Collections = GarbageCollections.Since(collections),
        };
    }

    // Warm-up state sizes: small enough to be quick, 20 MiB big enough for live rounds after round 0.
    private static readonly int[] WarmupSizesMiB = [4, 20];

    /// <summary>
    /// The largest image the state-transfer probe moves: 256 MiB is 8x this machine's last-level
    /// cache, where the rate no longer depends on the size (a 2 GiB cell is held to it).
    /// </summary>
    private const long MaxStateProbeBytes = 256L << 20;

    /// <summary>
    /// The link's own rates, same transport, same run, on one link pair. The peak: frames the size
    /// of one pages frame, the best of five rounds, as `bench transport` reports it (what the link
    /// does when the shared machine leaves it alone: medians of single probes ranged 0.19-9.2 GB/s
    /// over load averages of 10-20). Per state size of the plan, the state transfer the pre-copy
    /// total-time target divides by: a whole image moved into another, what a migration of it does
    /// at the least, the best of three after one discarded pass.
    /// </summary>
    private async Task<(double Peak, IReadOnlyDictionary<int, double> PerSize)> MeasureLinkAsync(IReadOnlyList<BenchmarkCell> plan, CancellationToken ct)
    {
        var perSize = new Dictionary<int, double>();
        if (_options.LinkProbeBytes <= 0)
        {
            return (0, perSize);
        }

        var (a, b) = await _links(ct);
        try
        {
            int frame = Math.Min(a.MaxFrameLength, _options.BatchPages * PageRegion.PageSize);
            LinkBenchmarks.Throughput(a, b, Math.Min(_options.LinkProbeBytes, 8L << 20), frame, 0, 1);
            double peak = Enumerable.Range(0, 5).Max(_ => LinkBenchmarks.Throughput(a, b, _options.LinkProbeBytes, frame, 0, 1));
            foreach (int size in plan.Select(c => c.SizeMiB).Distinct().Order())
            {
                ct.ThrowIfCancellationRequested();
                long bytes = Math.Min((long)size << 20, MaxStateProbeBytes);
                LinkBenchmarks.StateTransfer(a, b, bytes, frame, 0, 1);
                perSize[size] = Enumerable.Range(0, 3).Max(_ => LinkBenchmarks.StateTransfer(a, b, bytes, frame, 0, 1));
            }

            return (peak, perSize);
        }
        finally
        {
            // The probe's 64 MiB image is not the cells' to carry.
            LinkBenchmarks.ReleaseSource();
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    /// <summary>
    /// Discarded migrations of <paramref name="method"/>, in batches of half the quiet window,
    /// until the last two batches compiled at most <see cref="MigrationBenchmarkOptions.WarmupQuietMethods"/>
    /// methods (and at least <see cref="MigrationBenchmarkOptions.WarmupRepetitions"/> ran), or the
    /// maximum ran. The batches take turns over 4 and 20 MiB and the plan's loads: 4 MiB at 30 %
    /// alone converged in one round and never sent a delta, so a cell's first deltas ran tier-0 code.
    /// </summary>
    private async Task<MethodWarmup> WarmUpAsync(MigrationMethod method, IReadOnlyList<BenchmarkCell> plan, IProgress<MigrationBenchmarkProgress>? progress, CancellationToken ct)
    {
        var shapes = (from size in WarmupSizesMiB from load in plan.Select(c => c.Load).Distinct().Order().DefaultIfEmpty(0.3) select (size, load)).ToArray();
        int step = Math.Max(1, _options.WarmupQuietWindow / 2);
        int max = Math.Max(_options.WarmupRepetitions, _options.WarmupMaxRepetitions);
        // After each batch: migrations done so far and methods compiled so far.
        var marks = new List<(int Done, long Compiled)> { (0, JitInfo.GetCompiledMethodCount()) };
        while (marks[^1].Done < max)
        {
            int done = marks[^1].Done;
            var (size, load) = shapes[(marks.Count - 1) % shapes.Length];
            var warm = new BenchmarkCell(method, size, load, Math.Min(step, max - done));
            progress?.Report(new MigrationBenchmarkProgress("warm-up", 0, plan.Count, warm, done, null));
            await RunCellAsync(warm, [], null, 0, plan.Count, ct, warmUp: true);
            marks.Add((done + warm.Repetitions, JitInfo.GetCompiledMethodCount()));
            if (marks.Count >= 3 && marks[^1].Done >= _options.WarmupRepetitions && marks[^1].Compiled - marks[^3].Compiled <= _options.WarmupQuietMethods)
            {
                break;
            }
        }

        var first = marks[Math.Max(0, marks.Count - 3)];
        return new MethodWarmup(method, marks[^1].Done, marks[^1].Done - first.Done, marks[^1].Compiled - first.Compiled);
    }

    /// <summary>
    /// Per load of the plan, one stack alone for <see cref="MigrationBenchmarkOptions.ControlDuration"/>,
    /// hosted exactly as the cells' stacks are: what this machine misses with no migration at all.
    /// </summary>
    private async Task<IReadOnlyList<IdleStackMisses>> MeasureControlAsync(IReadOnlyList<BenchmarkCell> plan, CancellationToken ct)
    {
        if (_options.ControlDuration <= TimeSpan.Zero)
        {
            return [];
        }

        var result = new List<IdleStackMisses>();
        foreach (double load in plan.Select(c => c.Load).Distinct().Order())
        {
            var stackOptions = new ReferenceStackOptions { StateBytes = 4L << 20 };
            var (host, region) = await StartSourceAsync(stackOptions, new LoadProfile(load), ct);
            try
            {
                long ttis = host.LastTti;
                long missed = host.DeadlineMisses;
                double steal = StolenTime.ReadMs();
                long start = host.Time.GetTimestamp();
                await Task.Delay(_options.ControlDuration, ct);
                result.Add(new IdleStackMisses(load, host.LastTti - ttis, host.DeadlineMisses - missed)
                {
                    StealMs = StolenTime.ReadMs() - steal,
                    Milliseconds = host.Time.GetElapsedTime(start).TotalMilliseconds,
                });
            }
            finally
            {
                host.Dispose();
                region.Dispose();
            }
        }

        return result;
    }

    private string DescribeStackThreads()
    {
        var parts = new List<string>();
        if (_options.Pin)
        {
            parts.Add("pinned to cores 0 and 1");
        }

        if (_options.RealtimePriority is { } priority)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"SCHED_FIFO {priority}{(_realtimeRefused ? " (refused by the OS)" : string.Empty)}"));
        }

        return parts.Count == 0 ? "ordinary" : string.Join(", ", parts);
    }

    // LTE's 1 ms: the reference stack's loads are shares of it.
    private static readonly TimeSpan TtiPeriod = TimeSpan.FromMilliseconds(1);

    private StackHostOptions HostOptions(string name, int? core) => new()
    {
        TtiPeriod = TtiPeriod,
        Wait = TtiWait.Yield,
        Name = name,
        PinnedCore = _options.Pin ? core : null,
        RealtimePriority = _options.RealtimePriority,
    };

    private async Task<(StackHost Host, PageRegion Region)> StartSourceAsync(ReferenceStackOptions stackOptions, LoadProfile profile, CancellationToken ct)
    {
        var region = PageRegion.ForBytes(stackOptions.StateBytes);
        var stack = new ReferenceStack(stackOptions);
        stack.Initialize(region);
        var host = new StackHost(stack, region, profile.InputFor, HostOptions("src", 0));
        host.StartClocked(0);
        await WaitTtisAsync(host, _options.WarmTtis, ct);
        _realtimeRefused |= _options.RealtimePriority is not null && !host.IsRealtime;
        return (host, region);
    }

    private static async Task WaitTtisAsync(StackHost host, int ttis, CancellationToken ct)
    {
        long until = host.LastTti + ttis;
        while (host.LastTti < until && host.Fault is null && host.IsRunning)
        {
            await Task.Delay(1, ct);
        }
    }
}
