using System.Globalization;
using System.Text.Json;
using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;
using BbuPool.Testing.Transport;
using BbuPool.Transport;
using BbuPool.Transport.SharedMemory;
using Spectre.Console;

namespace BbuPool.Cli.Bench;

/// <summary>
/// `bbupool bench migration`: every method x state size x load over the shared-memory transport;
/// total time, downtime p50/p99, bytes, missed TTIs, the model's prediction beside each, and the
/// data of seed 002's figures and seed 003's convergence curve (docs/benchmarks.md, Migration).
/// </summary>
internal sealed class MigrationBenchmark : IBenchmark
{
    // NaN (no committed run) and infinity (the law past the cliff) are legal figures here.
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <inheritdoc />
    public string Name => "migration";

    /// <inheritdoc />
    public string Description => "Live migration: every method x 4/20/40/256 MiB x load 10/30/70 % (--set sizes=4,20 loads=0.1,0.3 methods=Precopy,HotStandby reps=50 batch=64 transport=shm|inmemory huge=1 (2 GiB) pin=1).";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(context);
        string transport = context.Extra.TryGetValue("transport", out var t) ? t : "shm";
        var runner = new MigrationBenchmarkRunner(options, transport == "inmemory" ? InMemoryPairAsync : ShmPairAsync, transport);
        runner.Progress += line => context.Console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]");
        var report = await runner.RunAsync(cancellationToken);
        Print(context.Console, report);
        if (context.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, ToJson(report, options), cancellationToken);
            context.Console.MarkupLine($"[green]JSON written to {Markup.Escape(path)}[/]");
        }

        return report.Cells.All(c => c.Committed > 0 || c.Runs == 0) ? 0 : 1;
    }

    private static MigrationBenchmarkOptions Options(BenchContext context)
    {
        var o = new MigrationBenchmarkOptions();
        if (context.Quick)
        {
            // Under a minute on 2 shared cores: the small sizes, one load, 3 runs per cell.
            o.SizesMiB = [4, 20];
            o.Loads = [0.3];
            o.Repetitions = 3;
        }

        if (context.Extra.TryGetValue("sizes", out var sizes))
        {
            o.SizesMiB = sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }

        if (context.Extra.ContainsKey("huge"))
        {
            o.SizesMiB = [.. o.SizesMiB, 2048];
        }

        if (context.Extra.TryGetValue("loads", out var loads))
        {
            o.Loads = loads.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }

        if (context.Extra.TryGetValue("methods", out var methods))
        {
            o.Methods = methods.Split(',').Select(s => Enum.Parse<MigrationMethod>(s, ignoreCase: true)).ToArray();
        }

        if (context.Extra.TryGetValue("reps", out var reps))
        {
            o.Repetitions = int.Parse(reps, CultureInfo.InvariantCulture);
        }

        if (context.Extra.TryGetValue("batch", out var batch))
        {
            o.BatchPages = int.Parse(batch, CultureInfo.InvariantCulture);
        }

        o.Pin = context.Extra.ContainsKey("pin");
        return o;
    }

    private static async Task<(ITransportLink Source, ITransportLink Destination)> ShmPairAsync(CancellationToken ct)
    {
        // 64 KiB slots x 256: a 256 KiB pages frame fits; the ring holds 16 MiB in flight.
        var transport = new SharedMemoryTransport(new TransportOptions { Kind = TransportKind.Shm });
        string name = "bench-mig-" + Guid.NewGuid().ToString("N")[..12];
        var listener = await transport.ListenAsync(name, ct);
        var accept = listener.AcceptAsync(ct).AsTask();
        var source = await transport.ConnectAsync(name, ct);
        var destination = await accept;
        await listener.DisposeAsync();
        return (source, destination);
    }

    private static Task<(ITransportLink Source, ITransportLink Destination)> InMemoryPairAsync(CancellationToken ct)
    {
        var (a, b) = InMemoryTransport.CreatePair(capacity: 64);
        return Task.FromResult<(ITransportLink, ITransportLink)>((a, b));
    }

    private static void Print(IAnsiConsole console, MigrationBenchmarkReport report)
    {
        var table = new Table().AddColumns("method", "MiB", "load", "ok", "total p50 ms", "downtime p50 us", "downtime p99 us", "MiB on wire", "missed TTIs", "rounds", "model total ms", "model downtime us");
        foreach (var c in report.Cells)
        {
            table.AddRow(
                c.Method.ToString(),
                c.SizeMiB.ToString(CultureInfo.InvariantCulture),
                c.Load.ToString("P0", CultureInfo.InvariantCulture),
                $"{c.Committed}/{c.Runs}",
                c.TotalMsP50.ToString("F2", CultureInfo.InvariantCulture),
                c.DowntimeUsP50.ToString("F0", CultureInfo.InvariantCulture),
                c.DowntimeUsP99.ToString("F0", CultureInfo.InvariantCulture),
                (c.BytesOnWire / 1048576).ToString("F1", CultureInfo.InvariantCulture),
                c.MissedTtis.ToString(CultureInfo.InvariantCulture),
                c.Rounds.ToString("F0", CultureInfo.InvariantCulture),
                (c.Predicted.TotalSeconds * 1e3).ToString("F2", CultureInfo.InvariantCulture),
                (c.Predicted.DowntimeSeconds * 1e6).ToString("F0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var conv = new Table().AddColumns("load", "MiB", "delta pages/s", "mu pages/s", "live rounds ms", "law ms", "measured/law");
        foreach (var p in report.Convergence)
        {
            conv.AddRow(
                p.Load.ToString("P0", CultureInfo.InvariantCulture),
                p.SizeMiB.ToString(CultureInfo.InvariantCulture),
                p.DirtyPagesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                p.CopyPagesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                (p.MeasuredSeconds * 1e3).ToString("F2", CultureInfo.InvariantCulture),
                (p.LawSeconds * 1e3).ToString("F2", CultureInfo.InvariantCulture),
                (p.MeasuredSeconds / p.LawSeconds).ToString("F2", CultureInfo.InvariantCulture));
        }

        console.MarkupLine("[bold]Seed 003 convergence: pre-copy live rounds against T = N/delta ln(mu/(mu - delta))[/]");
        console.Write(conv);
        console.MarkupLine($"transport {Markup.Escape(report.Transport)}, {report.Seconds:F1} s");
    }

    private static string ToJson(MigrationBenchmarkReport report, MigrationBenchmarkOptions options) => JsonSerializer.Serialize(
        new
        {
            benchmark = "migration",
            transport = report.Transport,
            seconds = report.Seconds,
            repetitions = options.Repetitions,
            cells = report.Cells.Select(c => new
            {
                method = c.Method.ToString(),
                size_mib = c.SizeMiB,
                load = c.Load,
                runs = c.Runs,
                committed = c.Committed,
                total_ms_p50 = c.TotalMsP50,
                downtime_us_p50 = c.DowntimeUsP50,
                downtime_us_p99 = c.DowntimeUsP99,
                bytes_on_wire = c.BytesOnWire,
                missed_ttis = c.MissedTtis,
                rounds = c.Rounds,
                measured_bytes_per_second = c.MeasuredBytesPerSecond,
                dirty_bytes_per_second = c.DirtyBytesPerSecond,
                model_total_ms = c.Predicted.TotalSeconds * 1e3,
                model_downtime_us = c.Predicted.DowntimeSeconds * 1e6,
                model_bytes = c.Predicted.BytesOnWire,
            }),
            // Seed 002 figures: downtime and migration time against state size, redundancy vs hot standby.
            seed002 = report.Cells
                .Where(c => c.Method is MigrationMethod.Redundancy or MigrationMethod.HotStandby)
                .Select(c => new { method = c.Method.ToString(), size_mib = c.SizeMiB, load = c.Load, downtime_us_p50 = c.DowntimeUsP50, total_ms_p50 = c.TotalMsP50 }),
            seed003 = report.Convergence.Select(p => new
            {
                load = p.Load,
                size_mib = p.SizeMiB,
                delta_pages_per_s = p.DirtyPagesPerSecond,
                mu_pages_per_s = p.CopyPagesPerSecond,
                measured_ms = p.MeasuredSeconds * 1e3,
                law_ms = double.IsFinite(p.LawSeconds) ? p.LawSeconds * 1e3 : (double?)null,
                rounds = p.Rounds,
            }),
        },
        JsonOptions);
}
