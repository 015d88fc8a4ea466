using System.CommandLine;
using BbuPool.Cli.Hosting;
using BbuPool.Cli.Rendering;
using BbuPool.Scenarios;
using BbuPool.Simulation;
using BbuPool.Simulation.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace BbuPool.Cli.Commands;

/// <summary>`bbupool simulate FILE [--out DIR] [--seed N] [--scheduler NAME]`: the main job.</summary>
internal sealed class SimulateVerb : ICliVerb
{
    /// <summary>Exit code when the run broke a hard constraint (the scheduler is wrong, not the input).</summary>
    public const int ExitConstraintViolations = 3;

    /// <inheritdoc />
    public Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML)." };
        var outDir = new Option<string?>("--out") { Description = "Directory for report.json and report.html." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed (default: the scenario's)." };
        var scheduler = new Option<string?>("--scheduler") { Description = "Scheduler: framework (default) or ffd (baseline)." };
        var linkGbps = new Option<double?>("--link-gbps") { Description = "Bandwidth per migration on the inter-node link (default 10)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log scheduler decisions to stderr." };
        var command = new Command("simulate", "Run a traffic scenario against the pool in virtual time and report what it did.")
        {
            file, outDir, seed, scheduler, linkGbps, verbose,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(
            parse.GetValue(file)!,
            parse.GetValue(outDir),
            parse.GetValue(seed),
            parse.GetValue(scheduler),
            parse.GetValue(linkGbps),
            parse.GetValue(verbose),
            ct)));
        return command;
    }

    private static int Run(string path, string? outDir, ulong? seed, string? schedulerName, double? linkGbps, bool verbose, CancellationToken ct)
    {
        var loaded = ScenarioLoader.Load(path);
        if (ScenarioErrors.Report(loaded, Console.Error))
        {
            return Program.ExitInvalidInput;
        }

        var scenario = loaded.Scenario!;
        using var host = CliHost.Build(verbose);
        var settings = host.Services.GetRequiredService<IOptions<SimulationSettings>>().Value;
        settings.Seed = seed ?? settings.Seed;
        if (linkGbps is { } gbps)
        {
            if (gbps is <= 0 or > 1000)
            {
                Console.Error.WriteLine($"--link-gbps {gbps}: must be in (0, 1000]");
                return Program.ExitInvalidInput;
            }

            settings.MigrationLinkGbps = gbps;
        }

        var schedulers = host.Services.GetRequiredService<SchedulerRegistry>();
        var name = schedulerName ?? schedulers.DefaultName;
        if (!schedulers.TryCreate(name, scenario.Policy, out var scheduler))
        {
            Console.Error.WriteLine($"--scheduler {name}: unknown; known: {string.Join(", ", schedulers.Names)}");
            return Program.ExitInvalidInput;
        }

        var model = host.Services.GetRequiredService<MigrationModelRegistry>().Create(settings);
        var engine = new SimulationEngine(scenario, scheduler!, model, settings);
        var report = SimulationProgressView.Run(engine, scenario, ct);

        SummaryTable.Write(AnsiConsole.Console, report);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            ReportJsonWriter.Write(report, Path.Combine(outDir, "report.json"));
            ReportHtmlWriter.Write(report, Path.Combine(outDir, "report.html"));
            AnsiConsole.MarkupLine($"report: [blue]{Markup.Escape(Path.Combine(outDir, "report.json"))}[/], plot: [blue]{Markup.Escape(Path.Combine(outDir, "report.html"))}[/]");
        }

        if (report.ConstraintViolations > 0)
        {
            Console.Error.WriteLine($"{report.ConstraintViolations} constraint violation(s): {string.Join(", ", report.ViolationsByRule.Select(kv => $"{kv.Key} {kv.Value}"))}");
            return ExitConstraintViolations;
        }

        return 0;
    }
}
