using System.Globalization;
using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;
using BbuPool.Migration.Hosting;
using BbuPool.Testing.Transport;
using BbuPool.Transport;
using BbuPool.Transport.SharedMemory;
using Spectre.Console;

namespace BbuPool.Cli.Bench;

/// <summary>
/// `bbupool bench migration`: every method x state size x load over the shared-memory transport;
/// total time, downtime p50/p99, bytes, missed TTIs, the model's prediction beside each, the
/// issue's targets with met / not met, and the data of seed 002's figures and seed 003's
/// convergence curve, as a table, JSON and an HTML page with inline SVG (docs/migration-benchmarks.md).
/// </summary>
internal sealed class MigrationBenchmark : IBenchmark
{
    // Above every ordinary thread, well below the kernel's per-core threads at 99.
    private const int DefaultRealtimePriority = 50;

    /// <inheritdoc />
    public string Name => "migration";

    /// <inheritdoc />
    public string Description => "Live migration: every method x 4/20/40/64/256 MiB x load 10/30/70 %, targets met/not met, seed 002/003 figures; JSON (--json) and HTML next to it "
        + "(--set html=FILE sizes=4,20 loads=0.1,0.3 methods=Precopy,HotStandby reps=50 minreps=5 cellcap=90 batch=64 transport=shm|inmemory prepare=1|0 large=1 (adds 2 GiB) pin=1 control=5 (seconds of a lone stack per load)).";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        MigrationBenchmarkOptions options;
        try
        {
            options = Options(context);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            // A malformed --set value (sizes=4,x, methods=Nope): say which settings and why, run nothing.
            Console.Error.WriteLine($"bench migration: bad --set value ({string.Join(" ", context.Extra.Select(kv => kv.Key + "=" + kv.Value))}): {ex.Message}");
            return Program.ExitInvalidInput;
        }

        string transport = context.Extra.TryGetValue("transport", out var t) ? t : "shm";
        string mode = context.Quick ? "quick" : "full";
        var plan = options.Plan();
        context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {plan.Count} cells, {plan.Sum(c => c.Repetitions)} migrations planned (reps per size: {string.Join(", ", plan.Select(c => c.SizeMiB).Distinct().Select(s => $"{s} MiB x{options.RepetitionsFor(s)}"))}), cell cap {options.MaxCellTime.TotalSeconds:F0} s, over {transport}")));
        // The report names the shm directory: huge-page rings or not changes a fresh link's first pass.
        string described = transport == "inmemory" ? transport : $"shm ({new SharedMemoryOptions().Directory})";
        var runner = new MigrationBenchmarkRunner(options, transport == "inmemory" ? InMemoryPairAsync : ShmPairAsync, described, mode);
        var report = await RunWithProgressAsync(context.Console, runner, cancellationToken);
        Print(context.Console, report);
        if (context.JsonPath is { } path)
        {
            await MigrationReportJson.WriteAsync(report, path, cancellationToken);
            context.Console.MarkupLine($"[green]JSON written to {Markup.Escape(path)}[/]");
        }

        string? html = context.Extra.TryGetValue("html", out var h) ? h : context.JsonPath is { } j ? Path.ChangeExtension(j, ".html") : null;
        if (html is not null)
        {
            await MigrationReportHtml.WriteAsync(report, html, cancellationToken);
            context.Console.MarkupLine($"[green]HTML written to {Markup.Escape(html)}[/]");
        }

        return report.Cells.All(c => c.Committed > 0 || c.Runs == 0) ? 0 : 1;
    }

    private static async Task<MigrationBenchmarkReport> RunWithProgressAsync(IAnsiConsole console, MigrationBenchmarkRunner runner, CancellationToken ct)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Not a terminal (CI, a pipe): one line per finished cell.
            var lines = new InlineProgress(p =>
            {
                if (p.Finished is { } c)
                {
                    console.MarkupLine("[grey]" + Markup.Escape(CellLine(p, c)) + "[/]");
                }
                else if (p.Phase is "link" or "control" or "warm-up" && p.Repetition == 0)
                {
                    string what = p.Phase switch
                    {
                        "link" => "measuring the link bandwidth...",
                        "control" => "control: a lone stack per load, no migration...",
                        _ => $"warm-up {p.Cell.Method}...",
                    };
                    console.MarkupLine("[grey]" + Markup.Escape(what) + "[/]");
                }
            });
            return await runner.RunAsync(lines, ct);
        }

        MigrationBenchmarkReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var cells = ctx.AddTask("cells");
                var current = ctx.AddTask("migrations");
                var progress = new InlineProgress(p =>
                {
                    cells.MaxValue = Math.Max(1, p.CellCount);
                    cells.Value = p.CellIndex;
                    string what = p.Phase switch
                    {
                        "link" => "measuring the link bandwidth",
                        "control" => "control: a lone stack per load, no migration",
                        "warm-up" => string.Create(CultureInfo.InvariantCulture, $"warm-up {p.Cell.Method}, {p.Repetition} migrations so far, until the JIT is quiet"),
                        "done" => "done",
                        _ => string.Create(CultureInfo.InvariantCulture, $"{p.Cell.Method} {p.Cell.SizeMiB} MiB {p.Cell.Load:P0}"),
                    };
                    current.Description = Markup.Escape(what);
                    current.IsIndeterminate = p.Phase == "warm-up";
                    current.MaxValue = Math.Max(1, p.Cell.Repetitions);
                    current.Value = p.Phase == "warm-up" ? 0 : p.Repetition;
                    if (p.Finished is { } c)
                    {
                        console.MarkupLine("[grey]" + Markup.Escape(CellLine(p, c)) + "[/]");
                    }
                });
                report = await runner.RunAsync(progress, ct);
            });
        return report!;
    }

    private static string CellLine(MigrationBenchmarkProgress p, MigrationCellResult c) => string.Create(CultureInfo.InvariantCulture,
        $"[{p.CellIndex}/{p.CellCount}] {c.Method} {c.SizeMiB} MiB load {c.Load:P0}: {c.Committed}/{c.Runs} committed, downtime p99 {c.DowntimeUsP99:F0} us, total p50 {c.TotalMsP50:F1} ms, {c.Seconds:F1} s, JIT {c.JitMethods} methods");

    private static MigrationBenchmarkOptions Options(BenchContext context)
    {
        var o = new MigrationBenchmarkOptions();
        if (context.Quick)
        {
            // Well under a minute on 2 shared cores: every method at 4 and 20 MiB, 30 % load, 3
            // runs per cell, plus the cells the targets name (pre-copy 64 MiB at 30 %, 20 MiB at 10 %).
            o.SizesMiB = [4, 20];
            o.Loads = [0.3];
            o.Repetitions = 3;
            o.MinRepetitions = 2;
            o.WarmupRepetitions = 2;
            o.WarmupMaxRepetitions = 40;
            o.MaxCellTime = TimeSpan.FromSeconds(10);
            o.LinkProbeBytes = 16L << 20;
            o.ControlDuration = TimeSpan.FromSeconds(1);
            o.ExtraCells = [new BenchmarkCell(MigrationMethod.Precopy, 64, 0.3, 3), new BenchmarkCell(MigrationMethod.Precopy, 20, 0.1, 3)];
        }

        var extra = context.Extra;
        if (extra.TryGetValue("sizes", out var sizes))
        {
            o.SizesMiB = sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            o.ExtraCells = [];
        }

        if (extra.ContainsKey("large") || extra.ContainsKey("huge"))
        {
            o.SizesMiB = [.. o.SizesMiB, MigrationBenchmarkOptions.LargeSizeMiB];
        }

        if (extra.TryGetValue("loads", out var loads))
        {
            o.Loads = loads.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            o.ExtraCells = [];
        }

        if (extra.TryGetValue("methods", out var methods))
        {
            o.Methods = methods.Split(',').Select(s => Enum.Parse<MigrationMethod>(s, ignoreCase: true)).ToArray();
            o.ExtraCells = [.. o.ExtraCells.Where(c => o.Methods.Contains(c.Method))];
        }

        if (extra.TryGetValue("reps", out var reps))
        {
            o.Repetitions = int.Parse(reps, CultureInfo.InvariantCulture);
            o.MinRepetitions = Math.Min(o.MinRepetitions, o.Repetitions);
            o.ExtraCells = [.. o.ExtraCells.Select(c => c with { Repetitions = o.Repetitions })];
        }

        if (extra.TryGetValue("minreps", out var minReps))
        {
            o.MinRepetitions = int.Parse(minReps, CultureInfo.InvariantCulture);
        }

        if (extra.TryGetValue("cellcap", out var cap))
        {
            o.MaxCellTime = TimeSpan.FromSeconds(double.Parse(cap, CultureInfo.InvariantCulture));
        }

        if (extra.TryGetValue("control", out var control))
        {
            double seconds = double.Parse(control, CultureInfo.InvariantCulture);
            o.ControlDuration = seconds >= 0 ? TimeSpan.FromSeconds(seconds) : throw new FormatException($"control={control}: seconds a lone stack runs per load, >= 0 (0: no control)");
        }

        if (extra.TryGetValue("warmup", out var warmup))
        {
            o.WarmupRepetitions = int.Parse(warmup, CultureInfo.InvariantCulture);
        }

        if (extra.TryGetValue("warmupmax", out var warmupMax))
        {
            o.WarmupMaxRepetitions = int.Parse(warmupMax, CultureInfo.InvariantCulture);
        }

        if (extra.TryGetValue("batch", out var batch))
        {
            o.BatchPages = int.Parse(batch, CultureInfo.InvariantCulture);
        }

        o.Pin = extra.ContainsKey("pin");
        if (extra.TryGetValue("prepare", out var prepare))
        {
            o.PrepareLinks = prepare switch { "1" => true, "0" => false, _ => throw new FormatException($"prepare={prepare}: 1 (open each cell's links before its stack starts) or 0 (each just before its migration)") };
        }

        // Stack threads run SCHED_FIFO as baseband L1 threads do (docs/migration.md, "Real-time
        // TTI threads"); `--set rt=0` measures them under the ordinary policy, `--set rt=N` at N.
        o.RealtimePriority = DefaultRealtimePriority;
        if (extra.TryGetValue("rt", out var rt) && !string.IsNullOrEmpty(rt))
        {
            int priority = int.Parse(rt, CultureInfo.InvariantCulture);
            o.RealtimePriority = priority switch
            {
                0 => null,
                >= StackHostOptions.MinRealtimePriority and <= StackHostOptions.MaxRealtimePriority => priority,
                _ => throw new FormatException($"rt={rt}: 0 (ordinary policy) or a SCHED_FIFO priority {StackHostOptions.MinRealtimePriority}-{StackHostOptions.MaxRealtimePriority}"),
            };
        }
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
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title("migration (percentiles over committed runs; p99 = max under 100 runs)")
            .AddColumns("method", "MiB", "load", "ok/runs (plan)", "total p50 ms", "downtime p50 us", "downtime p99 us", "MiB wire", "missed TTIs", "rounds", "model total ms", "model down us");
        foreach (var c in report.Cells)
        {
            table.AddRow(
                c.Method.ToString(),
                c.SizeMiB.ToString(inv),
                c.Load.ToString("P0", inv),
                string.Create(inv, $"{c.Committed}/{c.Runs} ({c.Planned})"),
                F(c.TotalMsP50, "F1"),
                F(c.DowntimeUsP50, "F0"),
                F(c.DowntimeUsP99, "F0"),
                F(c.BytesOnWire / 1048576, "F1"),
                c.MissedTtis.ToString(inv),
                F(c.Rounds, "F0"),
                F(c.Predicted.TotalSeconds * 1e3, "F1"),
                F(c.Predicted.DowntimeSeconds * 1e6, "F0"));
        }

        console.Write(table);
        foreach (var c in report.Cells.Where(c => c.Failures.Count > 0 || c.StoppedEarly is not null))
        {
            string notes = string.Join("; ", c.Failures.Select(kv => $"{kv.Value}x {kv.Key}").Append(c.StoppedEarly ?? string.Empty).Where(s => s.Length > 0));
            console.MarkupLine(Markup.Escape(string.Create(inv, $"{c.Method} {c.SizeMiB} MiB {c.Load:P0}: {notes}")));
        }

        foreach (var c in report.Cells.Where(c => c.LinkPrepareFailure is not null))
        {
            console.MarkupLine(Markup.Escape(string.Create(inv,
                $"{c.Method} {c.SizeMiB} MiB {c.Load:P0}: link pairs not all opened ahead ({c.LinkPrepareFailure}); {c.LinksOpenedOnDemand} migrations opened theirs beside the running stack")));
        }

        var conv = new Table().Title("seed 003: pre-copy live rounds against T = N/delta ln(mu/(mu - delta)), medians per cell")
            .AddColumns("load", "MiB", "runs", "rho", "live rounds ms", "law ms", "measured/law");
        foreach (var g in report.Convergence.GroupBy(p => (p.Load, p.SizeMiB)))
        {
            conv.AddRow(
                g.Key.Load.ToString("P0", inv),
                g.Key.SizeMiB.ToString(inv),
                g.Count().ToString(inv),
                F(Percentiles.Median(g.Select(p => p.Ratio).ToList()), "F3"),
                F(Percentiles.Median(g.Select(p => p.MeasuredSeconds * 1e3).ToList()), "F2"),
                F(Percentiles.Median(g.Select(p => p.LawSeconds * 1e3).ToList()), "F2"),
                F(Percentiles.Median(g.Select(p => p.MeasuredSeconds / p.LawSeconds).ToList()), "F2"));
        }

        console.Write(conv);
        var targets = new Table().Title("targets (issue 5, item 8), from this run's measurements").AddColumns("target", "status", "per cell");
        foreach (var t in MigrationTargets.Evaluate(report))
        {
            string status = t.Status switch { TargetStatus.Met => "[green]met[/]", TargetStatus.NotMet => "[red]not met[/]", _ => "[yellow]not measured[/]" };
            targets.AddRow(Markup.Escape(t.Description), status, Markup.Escape(t.Detail));
        }

        console.Write(targets);
        console.MarkupLine(Markup.Escape(string.Create(inv,
            $"transport {report.Transport} (links opened {report.LinksOpened}), link {report.LinkBytesPerSecond / 1e9:F2} GB/s peak, {report.Seconds:F1} s, {report.ProcessorCount} cores, CRC {report.CrcPath}, loadavg {report.LoadAverageStart} -> {report.LoadAverageEnd}")));
        console.MarkupLine(Markup.Escape("kernel: " + report.Kernel.Describe()));
        console.MarkupLine(Markup.Escape("garbage collections over the run: " + report.Collections.Describe(report.CollectionsInCells)));
        if (report.StateLinkBytesPerSecond.Count > 0)
        {
            console.MarkupLine(Markup.Escape("link moving a whole state image into another: " + string.Join(", ",
                report.StateLinkBytesPerSecond.OrderBy(x => x.Key).Select(x => string.Create(inv, $"{x.Key} MiB {x.Value / 1e9:F2} GB/s")))));
        }

        if (report.Warmup.Count > 0)
        {
            console.MarkupLine(Markup.Escape("warm-up (discarded, until the JIT was quiet): " + string.Join(", ",
                report.Warmup.Select(w => string.Create(inv, $"{w.Method} {w.Migrations} migrations ({w.JitMethodsLastWindow} methods compiled over the last {w.Window})")))));
        }

        foreach (var c in report.Control)
        {
            console.MarkupLine(Markup.Escape(string.Create(inv, $"control, a lone stack at {c.Load * 100:F0} % load with no migration: {c.Missed} of {c.Ttis} TTIs missed ({c.PerThousand:F2} per 1000, {F(c.PerSecond, "F1")} per second), {F(c.StealMs, "F0")} ms of CPU stolen by the host meanwhile")));
        }

        foreach (var c in report.Cells.Where(c => c.MissedTtis > 0 || c.MissedBetween > 0))
        {
            // Between migrations: settling, freeing the old image, with prepare=0 the link set-up (in no target).
            string control = report.ControlAt(c.Load) is { } k ? $"; the control at this load {F(k.PerSecond, "F1")}" : string.Empty;
            console.MarkupLine(Markup.Escape(string.Create(inv,
                $"missed TTIs per second, {c.Method} {c.SizeMiB} MiB at {c.Load * 100:F0} %: {F(c.MissedPerSecondMigrating, "F1")} migrating ({c.MissedTtis} in {c.MigratingMs:F0} ms), {F(c.MissedPerSecondBetween, "F1")} between migrations ({c.MissedBetween} in {c.BetweenMs:F0} ms){control}")));
        }

        foreach (var c in report.Cells.Where(c => c.MissesByPhase.Count > 0))
        {
            console.MarkupLine(Markup.Escape(string.Create(inv, $"missed TTIs, {c.Method} {c.SizeMiB} MiB at {c.Load * 100:F0} %, by end and source phase: ") + string.Join("; ", c.MissesByPhase.Select(m => m.Describe()))
                + (c.MissedUnplaced > 0 ? string.Create(inv, $"; {c.MissedUnplaced} more not placed (a host keeps its last 255 per migration)") : string.Empty)
                + $"; {F(c.StealMs, "F0")} ms of CPU stolen by the host during the cell"));
        }
    }

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>Synchronous IProgress (Progress&lt;T&gt; would post to the thread pool and lag the bar).</summary>
    private sealed class InlineProgress(Action<MigrationBenchmarkProgress> report) : IProgress<MigrationBenchmarkProgress>
    {
        public void Report(MigrationBenchmarkProgress value) => report(value);
    }
}
