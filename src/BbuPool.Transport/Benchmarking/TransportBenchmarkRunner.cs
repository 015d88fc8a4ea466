using BbuPool.Transport.Dpdk;
using BbuPool.Transport.SharedMemory;
using BbuPool.Transport.Tcp;

namespace BbuPool.Transport.Benchmarking;

/// <summary>
/// The measurements behind `bbupool bench transport`: throughput of 64 MiB in 8 KiB and 64 KiB frames
/// and 64 B ping-pong latency for the C# DPDK path (net_ring), the raw C baseline on the same vdev,
/// shm, tcp and memcpy, all in one process and one run. Rounds of the paths are interleaved, so load
/// from elsewhere on the machine hits every path alike; each figure keeps its best and median round.
/// </summary>
public static class TransportBenchmarkRunner
{
    /// <summary>64 MiB per throughput round, as the issue asks.</summary>
    public const long TotalBytes = 64L * 1024 * 1024;

    /// <summary>8 KiB (two pages) and 64 KiB (a 16-page batch).</summary>
    public static readonly IReadOnlyList<int> FrameSizes = [8 * 1024, 64 * 1024];

    /// <summary>The ping-pong frame: 64 B, a control message.</summary>
    public const int PingBytes = 64;

    /// <summary>Runs every measurement; DPDK rows are left out (with the reason) when DPDK is unavailable.</summary>
    public static async Task<TransportBenchmarkResult> RunAsync(bool quick, IProgress<string>? progress = null, int senderCpu = 0, int receiverCpu = 1, int fifoPriority = 10, CancellationToken cancellationToken = default)
    {
        // SCHED_FIFO 10 for every measuring thread, .NET and C alike (when permitted): low among RT
        // priorities, above every normal task, as the product's pinned TTI threads run.
        LinkBenchmarks.FifoPriority = fifoPriority;
        // Quick: 3 rounds and 20k round trips (under 30 s on an idle machine); full: 9 rounds and 200k round trips.
        var rounds = quick ? 3 : 9;
        var iterations = quick ? 20_000 : 200_000;
        // TCP round trips cost ~30-60 us here: cap them so the run stays short.
        var tcpIterations = Math.Min(iterations, 20_000);
        var options = new TransportOptions { ReceiveMode = ReceiveMode.BusyPoll };
        var id = Environment.ProcessId;

        var paths = new List<(string Name, Func<int, double> Measure)>();
        var latencyPaths = new List<Func<LatencyFigure>>();
        var disposables = new List<IAsyncDisposable>();
        NativeBaseline? native = null;
        string? dpdkReason = null;
        try
        {
            if (DpdkEnvironment.TryInitialize(options.Dpdk, out var reason))
            {
                var dpdk = new DpdkTransport(options);
                var (a, b) = await PairAsync(dpdk, "ring:bench" + id, "ring:bench" + id, cancellationToken);
                disposables.Add(a);
                disposables.Add(b);
                native = NativeBaseline.Create("benchc" + id);
                paths.Add(("dpdk_native_c", frame => native.Throughput(TotalBytes, frame, senderCpu, receiverCpu)));
                paths.Add(("dpdk_csharp", frame => LinkBenchmarks.Throughput(a, b, TotalBytes, frame, senderCpu, receiverCpu)));
                latencyPaths.Add(() => native.PingPong(PingBytes, iterations, senderCpu, receiverCpu));
                latencyPaths.Add(() => LinkBenchmarks.PingPong("dpdk_csharp", a, b, PingBytes, iterations, senderCpu, receiverCpu));
            }
            else
            {
                dpdkReason = reason;
            }

            paths.Add(("memcpy", frame => LinkBenchmarks.Memcpy(TotalBytes, frame, senderCpu)));
            var shm = new SharedMemoryTransport(options);
            var (sa, sb) = await PairAsync(shm, "bench-" + id, "bench-" + id, cancellationToken);
            disposables.Add(sa);
            disposables.Add(sb);
            paths.Add(("shm", frame => LinkBenchmarks.Throughput(sa, sb, TotalBytes, frame, senderCpu, receiverCpu)));
            latencyPaths.Add(() => LinkBenchmarks.PingPong("shm", sa, sb, PingBytes, iterations, senderCpu, receiverCpu));

            var tcp = new TcpTransport(options);
            await using var tcpListener = await tcp.ListenAsync("127.0.0.1:0", cancellationToken);
            var (ta, tb) = await PairAsync(tcp, tcpListener, cancellationToken);
            disposables.Add(ta);
            disposables.Add(tb);
            paths.Add(("tcp", frame => LinkBenchmarks.Throughput(ta, tb, TotalBytes, frame, senderCpu, receiverCpu)));
            latencyPaths.Add(() => LinkBenchmarks.PingPong("tcp", ta, tb, PingBytes, tcpIterations, senderCpu, receiverCpu));

            var throughput = new List<ThroughputFigure>();
            foreach (var frame in FrameSizes)
            {
                var samples = paths.ToDictionary(p => p.Name, _ => new List<double>());
                progress?.Report($"throughput, {frame / 1024} KiB frames: warm-up");
                foreach (var (_, measure) in paths)
                {
                    measure(frame);
                }

                for (var round = 0; round < rounds; round++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report($"throughput, {frame / 1024} KiB frames: round {round + 1}/{rounds}");
                    foreach (var (name, measure) in paths)
                    {
                        samples[name].Add(measure(frame));
                    }
                }

                throughput.AddRange(paths.Select(p => new ThroughputFigure(p.Name, frame, TotalBytes, samples[p.Name].Max(), Median(samples[p.Name]), rounds)));
            }

            var latency = new List<LatencyFigure>();
            foreach (var measure in latencyPaths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report($"ping-pong latency, {PingBytes} B frames ({latency.Count + 1}/{latencyPaths.Count})");
                latency.Add(measure());
            }

            return new TransportBenchmarkResult(throughput, latency, dpdkReason, senderCpu, receiverCpu, fifoPriority);
        }
        finally
        {
            foreach (var disposable in disposables)
            {
                await disposable.DisposeAsync();
            }

            native?.Dispose();
        }
    }

    private static async Task<(ITransportLink Sender, ITransportLink Receiver)> PairAsync(ITransport transport, string listenAddress, string connectAddress, CancellationToken cancellationToken)
    {
        await using var listener = await transport.ListenAsync(listenAddress, cancellationToken);
        return await PairAsync(transport, listener, cancellationToken, connectAddress);
    }

    private static async Task<(ITransportLink Sender, ITransportLink Receiver)> PairAsync(ITransport transport, ITransportListener listener, CancellationToken cancellationToken, string? connectAddress = null)
    {
        var connect = transport.ConnectAsync(connectAddress ?? listener.LocalAddress, cancellationToken).AsTask();
        var accepted = await listener.AcceptAsync(cancellationToken);
        return (await connect, accepted);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
