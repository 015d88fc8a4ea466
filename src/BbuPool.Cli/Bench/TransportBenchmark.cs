using System.Globalization;
using System.Text.Json;
using BbuPool.Transport.Benchmarking;
using Spectre.Console;

namespace BbuPool.Cli.Bench;

/// <summary>
/// `bbupool bench transport`: throughput (64 MiB in 8 KiB and 64 KiB frames) and 64 B ping-pong
/// latency of the C# DPDK path, shm and tcp, next to the raw C DPDK baseline on the same vdev and a
/// raw memcpy of the same bytes, all in the same run; prints the ratios the issue targets.
/// </summary>
internal sealed class TransportBenchmark : IBenchmark
{
    // Targets from issue 6.
    private const double TargetDpdkVsNative = 0.8;
    private const double TargetDpdkLatencyFactor = 2.0;
    private const double TargetShmVsMemcpy = 0.6;
    private const int HeadlineFrame = 8 * 1024;
    private const int BatchFrame = 64 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <inheritdoc />
    public string Name => "transport";

    /// <inheritdoc />
    public string Description => "Transports: C# DPDK (net_ring) vs the raw C shim, shm vs memcpy, tcp; 64 MiB throughput in 8/64 KiB frames and 64 B ping-pong p50/p99.";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var progress = new Progress<string>(step => context.Console.MarkupLine($"[grey]measuring {Markup.Escape(step)}...[/]"));
        var r = await TransportBenchmarkRunner.RunAsync(context.Quick, progress, cancellationToken: cancellationToken);
        if (r.DpdkUnavailableReason is { } reason)
        {
            context.Console.MarkupLine($"[yellow]DPDK rows left out:[/] {Markup.Escape(reason)}");
        }

        Render(context.Console, r);
        if (context.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, ToJson(r), cancellationToken);
            context.Console.MarkupLine($"Wrote {Markup.Escape(path)}");
        }

        return 0;
    }

    private static void Render(IAnsiConsole console, TransportBenchmarkResult r)
    {
        var table = new Table().Title($"bench transport (64 MiB per round, best of {r.Throughput[0].Rounds} interleaved rounds; threads on cpu {r.SenderCpu} and {r.ReceiverCpu}, SCHED_FIFO {r.FifoPriority})")
            .AddColumns("path", "8 KiB frames GB/s", "64 KiB frames GB/s", "64 B one-way p50 us", "p99 us");
        foreach (var path in r.Throughput.Select(f => f.Path).Distinct())
        {
            var latency = r.LatencyOf(path);
            table.AddRow(path, Gb(r.BytesPerSecond(path, HeadlineFrame)), Gb(r.BytesPerSecond(path, BatchFrame)),
                latency is null ? "-" : F(latency.P50Nanoseconds / 1000, "0.00"), latency is null ? "-" : F(latency.P99Nanoseconds / 1000, "0.00"));
        }

        console.Write(table);
        var ratios = new Table().Title("ratios (same run)").AddColumns("figure", "8 KiB", "64 KiB", "target");
        ratios.AddRow("dpdk_vs_native_throughput", R(r.ThroughputRatio("dpdk_csharp", "dpdk_native_c", HeadlineFrame)), R(r.ThroughputRatio("dpdk_csharp", "dpdk_native_c", BatchFrame)),
            Mark(r.ThroughputRatio("dpdk_csharp", "dpdk_native_c", HeadlineFrame) >= TargetDpdkVsNative, ">= 0.8"));
        var latencyFactor = LatencyFactor(r);
        ratios.AddRow("dpdk_vs_native_latency_p50", R(latencyFactor), "-", Mark(latencyFactor <= TargetDpdkLatencyFactor, "<= 2"));
        ratios.AddRow("shm_vs_memcpy_throughput", R(r.ThroughputRatio("shm", "memcpy", HeadlineFrame)), R(r.ThroughputRatio("shm", "memcpy", BatchFrame)),
            Mark(r.ThroughputRatio("shm", "memcpy", HeadlineFrame) >= TargetShmVsMemcpy, ">= 0.6"));
        ratios.AddRow("tcp_vs_memcpy_throughput", R(r.ThroughputRatio("tcp", "memcpy", HeadlineFrame)), R(r.ThroughputRatio("tcp", "memcpy", BatchFrame)), "-");
        console.Write(ratios);
    }

    private static double? LatencyFactor(TransportBenchmarkResult r)
        => r.LatencyOf("dpdk_csharp") is { } cs && r.LatencyOf("dpdk_native_c") is { } c && c.P50Nanoseconds > 0 ? cs.P50Nanoseconds / c.P50Nanoseconds : null;

    private static string Gb(double? bytesPerSecond) => bytesPerSecond is { } v ? F(v / 1e9, "0.00") : "-";

    private static string R(double? ratio) => ratio is { } v ? F(v, "0.00") : "-";

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Mark(bool met, string target) => met ? $"[green]met[/] ({target})" : $"[red]missed[/] ({target})";

    private static string ToJson(TransportBenchmarkResult r)
    {
        var json = new Dictionary<string, object?>
        {
            ["benchmark"] = "transport",
            ["total_bytes"] = TransportBenchmarkRunner.TotalBytes,
            ["rounds"] = r.Throughput[0].Rounds,
            ["sender_cpu"] = r.SenderCpu,
            ["receiver_cpu"] = r.ReceiverCpu,
            ["sched_fifo_priority"] = r.FifoPriority,
            ["dpdk_unavailable_reason"] = r.DpdkUnavailableReason,
            ["dpdk_vs_native_throughput"] = Round(r.ThroughputRatio("dpdk_csharp", "dpdk_native_c", HeadlineFrame)),
            ["dpdk_vs_native_throughput_64k"] = Round(r.ThroughputRatio("dpdk_csharp", "dpdk_native_c", BatchFrame)),
            ["dpdk_vs_native_latency_p50"] = Round(LatencyFactor(r)),
            ["shm_vs_memcpy_throughput"] = Round(r.ThroughputRatio("shm", "memcpy", HeadlineFrame)),
            ["shm_vs_memcpy_throughput_64k"] = Round(r.ThroughputRatio("shm", "memcpy", BatchFrame)),
        };
        foreach (var f in r.Throughput)
        {
            json[$"{f.Path}_{f.FrameBytes / 1024}k_gbytes_per_s"] = Math.Round(f.BytesPerSecond / 1e9, 3);
            json[$"{f.Path}_{f.FrameBytes / 1024}k_gbytes_per_s_median"] = Math.Round(f.MedianBytesPerSecond / 1e9, 3);
        }

        foreach (var l in r.Latency)
        {
            json[$"{l.Path}_p50_ns"] = Math.Round(l.P50Nanoseconds);
            json[$"{l.Path}_p99_ns"] = Math.Round(l.P99Nanoseconds);
            json[$"{l.Path}_pingpong_iterations"] = l.Iterations;
        }

        return JsonSerializer.Serialize(json, JsonOptions);
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 3) : null;
}
