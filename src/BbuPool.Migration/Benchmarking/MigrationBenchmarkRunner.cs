using BbuPool.Core.Migration;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Model;
using BbuPool.Migration.Protocol;
using BbuPool.Migration.Selection;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Transport;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// Measures every method over a real link: per (size, load) one reference stack runs on the TTI
/// clock and is migrated back and forth (each committed destination is the next source), so every
/// run moves a live, warm stack. Figures are taken from the hosts' own TTI timestamps.
/// </summary>
public sealed class MigrationBenchmarkRunner
{
    private static readonly byte[] BenchKey = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();
    private readonly MigrationBenchmarkOptions _options;
    private readonly Func<CancellationToken, Task<(ITransportLink Source, ITransportLink Destination)>> _links;
    private readonly string _transport;

    /// <summary>Creates a runner; <paramref name="links"/> makes one connected link pair per migration.</summary>
    public MigrationBenchmarkRunner(MigrationBenchmarkOptions options, Func<CancellationToken, Task<(ITransportLink Source, ITransportLink Destination)>> links, string transport)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _transport = transport;
    }

    /// <summary>Progress lines (cell done).</summary>
    public event Action<string>? Progress;

    /// <summary>Runs every cell.</summary>
    public async Task<MigrationBenchmarkReport> RunAsync(CancellationToken cancellationToken = default)
    {
        long t0 = TimeProvider.System.GetTimestamp();
        var cells = new List<MigrationCellResult>();
        var curve = new List<ConvergencePoint>();

        // Warm-up, discarded: without it the first migrations of a process run tier-0 JIT code
        // and measure the JIT (the link rate of the first runs was 4-10x below the later ones).
        if (_options.WarmupRepetitions > 0)
        {
            int reps = _options.Repetitions;
            _options.Repetitions = _options.WarmupRepetitions;
            foreach (var method in _options.Methods)
            {
                await RunCellAsync(method, 4, 0.3, [], cancellationToken);
            }

            _options.Repetitions = reps;
            Progress?.Invoke("warm-up done");
        }
        foreach (int size in _options.SizesMiB)
        {
            foreach (double load in _options.Loads)
            {
                foreach (var method in _options.Methods)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var cell = await RunCellAsync(method, size, load, curve, cancellationToken);
                    cells.Add(cell);
                    Progress?.Invoke($"{method} {size} MiB load {load:P0}: {cell.Committed}/{cell.Runs} committed, downtime p99 {cell.DowntimeUsP99:F0} us, total p50 {cell.TotalMsP50:F1} ms");
                }
            }
        }

        return new MigrationBenchmarkReport
        {
            Transport = _transport,
            Cells = cells,
            Convergence = curve,
            Seconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds,
        };
    }

    private StackHostOptions HostOptions(string name, int? core) => new()
    {
        TtiPeriod = TimeSpan.FromMilliseconds(1),
        Wait = TtiWait.Yield,
        Name = name,
        PinnedCore = _options.Pin ? core : null,
    };

    private async Task<MigrationCellResult> RunCellAsync(MigrationMethod method, int sizeMiB, double load, List<ConvergencePoint> curve, CancellationToken ct)
    {
        long bytes = (long)sizeMiB << 20;
        var profile = new LoadProfile(load);
        var stackOptions = new ReferenceStackOptions { StateBytes = bytes };
        var region = PageRegion.ForBytes(bytes);
        var stack = new ReferenceStack(stackOptions);
        stack.Initialize(region);
        var host = new StackHost(stack, region, profile.InputFor, HostOptions("src", 0));
        host.StartClocked(0);
        await WaitTtisAsync(host, _options.WarmTtis, ct);
        double dirtyPages = await DirtyRateMeter.MeasurePagesPerSecondAsync(region, TimeSpan.FromMilliseconds(50), cancellationToken: ct);

        var downtimes = new List<double>();
        var totals = new List<double>();
        var rounds = new List<double>();
        var bandwidths = new List<double>();
        double wire = 0;
        long missed = 0;
        int committed = 0;
        int core = 1;
        for (int r = 0; r < _options.Repetitions; r++)
        {
            PageRegion? dstRegion = null;
            var options = new MigrationOptions
            {
                Method = method,
                MigrationId = $"bench-{method}-{sizeMiB}-{r}",
                SharedKey = BenchKey,
                DowntimeBudget = _options.DowntimeBudget,
                BatchPages = _options.BatchPages,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var destination = new MigrationDestination(
                begin =>
                {
                    dstRegion = new PageRegion((int)begin.PageCount);
                    return (new ReferenceStack(stackOptions), dstRegion);
                },
                profile.InputFor,
                HostOptions("dst", core),
                options);
            var (a, b) = await _links(ct);
            var outcome = await LocalMigration.RunAsync(host, destination, a, b, options, ct);
            totals.Add(outcome.TotalSeconds * 1e3);
            wire += outcome.BytesOnWire;
            missed += outcome.MissedTtis;
            rounds.Add(outcome.Source.Rounds);
            if (outcome.Source.MeasuredBytesPerSecond > 0)
            {
                bandwidths.Add(outcome.Source.MeasuredBytesPerSecond);
            }

            if (outcome.Committed && destination.Host is { } next)
            {
                committed++;
                downtimes.Add(outcome.DowntimeSeconds * 1e6);
                if (method == MigrationMethod.Precopy)
                {
                    curve.Add(Convergence(load, sizeMiB, outcome.Source, dirtyPages));
                }

                await WaitTtisAsync(next, _options.SettleTtis, ct);
                host.Dispose();
                region.Dispose();
                host = next;
                region = dstRegion!;
                core = 1 - core;
            }
            else
            {
                destination.Host?.Dispose();
                dstRegion?.Dispose();
                if (host.IsPaused)
                {
                    host.Resume();
                }
            }
        }

        host.Dispose();
        region.Dispose();
        double bw = Median(bandwidths);
        var model = new MigrationCostModel();
        var predicted = model.EstimateMethod(method, new MigrationRequest(bytes, dirtyPages * PageRegion.PageSize, bw > 0 ? bw : 0, 1e-3, method, _options.DowntimeBudget.TotalSeconds, method != MigrationMethod.Stateless));
        return new MigrationCellResult
        {
            Method = method,
            SizeMiB = sizeMiB,
            Load = load,
            Runs = _options.Repetitions,
            Committed = committed,
            TotalMsP50 = Median(totals),
            DowntimeUsP50 = Median(downtimes),
            DowntimeUsP99 = Percentile(downtimes, 0.99),
            BytesOnWire = wire / Math.Max(1, _options.Repetitions),
            MissedTtis = missed,
            Rounds = Median(rounds),
            MeasuredBytesPerSecond = bw,
            Predicted = predicted,
            DirtyBytesPerSecond = dirtyPages * PageRegion.PageSize,
        };
    }

    private static ConvergencePoint Convergence(double load, int sizeMiB, MigrationResult result, double dirtyPagesPerSecond)
    {
        double seconds = 0;
        long pageBytes = 0;
        foreach (var round in result.RoundLog)
        {
            seconds += round.Seconds;
            pageBytes += round.WireBytes;
        }

        // The final (stopped) round is not live time: leave it out of the measured side.
        if (result.RoundLog.Count > 1)
        {
            seconds -= result.RoundLog[^1].Seconds;
        }

        double mu = seconds > 0 ? pageBytes / (seconds + result.RoundLog[^1].Seconds) / PageRegion.PageSize : 0;
        double n = (double)sizeMiB * 256;
        return new ConvergencePoint(load, sizeMiB, dirtyPagesPerSecond, mu, seconds, PrecopyLaw.ConvergenceSeconds(n, dirtyPagesPerSecond, mu), result.Rounds);
    }

    private static async Task WaitTtisAsync(StackHost host, int ttis, CancellationToken ct)
    {
        long until = host.LastTti + ttis;
        while (host.LastTti < until && host.Fault is null && host.IsRunning)
        {
            await Task.Delay(1, ct);
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        int i = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(i, 0, sorted.Length - 1)];
    }
}
