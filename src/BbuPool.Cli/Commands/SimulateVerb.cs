using System.CommandLine;
using BbuPool.Cli.Hosting;
using BbuPool.Cli.Rendering;
using BbuPool.Scenarios;
using BbuPool.Simulation;
using BbuPool.Simulation.Recording;
using BbuPool.Simulation.Reporting;
using BbuPool.StatePlane;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
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
        var scheduler = new Option<string?>("--scheduler") { Description = "Scheduler: framework (default) or ffd (the first-fit-decreasing baseline)." };
        var linkGbps = new Option<double?>("--link-gbps") { Description = "Bandwidth per migration on the inter-node link (default 10)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log scheduler decisions to stderr." };
        var redis = new Option<string?>("--redis") { Description = "Record into a Redis state plane at HOST:PORT (default: the embedded one)." };
        var migrationModel = new Option<string?>("--migration-model") { Description = "Migration cost model: engine (default) or closed-form." };
        var redisPrefix = new Option<string?>("--redis-prefix") { Description = "Key prefix in Redis (default bbupool:sim:SCENARIO:SEED)." };
        var command = new Command("simulate", "Run a traffic scenario against the pool in virtual time and report what it did.")
        {
            file, outDir, seed, scheduler, linkGbps, verbose, redis, redisPrefix, migrationModel,
        };
        command.SetAction((parse, ct) => RunAsync(
            new SimulateArguments(
                parse.GetValue(file)!,
                parse.GetValue(outDir),
                parse.GetValue(seed),
                parse.GetValue(scheduler),
                parse.GetValue(linkGbps),
                parse.GetValue(verbose),
                parse.GetValue(redis),
                parse.GetValue(redisPrefix),
                parse.GetValue(migrationModel)),
            ct));
        return command;
    }

    private readonly record struct SimulateArguments(
        string Path, string? OutDir, ulong? Seed, string? Scheduler, double? LinkGbps, bool Verbose, string? Redis, string? RedisPrefix, string? MigrationModel);

    private static async Task<int> RunAsync(SimulateArguments args, CancellationToken ct)
    {
        var (path, outDir, seed, schedulerName, linkGbps, verbose, redis, redisPrefix, modelName) = args;
        var loaded = ScenarioLoader.Load(path);
        if (ScenarioErrors.Report(loaded, Console.Error))
        {
            return Program.ExitInvalidInput;
        }

        var scenario = loaded.Scenario!;
        using var host = CliHost.Build(verbose);
        if (CliHost.Settings<SimulationSettings>(host, Console.Error) is not { } settings
            || CliHost.Settings<StatePlaneSettings>(host, Console.Error) is not { } stateSettings)
        {
            return Program.ExitInvalidInput;
        }

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
        var name = schedulerName ?? SchedulerRegistry.DefaultName;
        if (!schedulers.TryCreate(name, scenario.Policy, out var scheduler))
        {
            Console.Error.WriteLine($"--scheduler {name}: unknown; known: {string.Join(", ", schedulers.Names)}");
            return Program.ExitInvalidInput;
        }

        modelName ??= MigrationModelRegistry.DefaultName;
        if (!host.Services.GetRequiredService<MigrationModelRegistry>().TryCreate(modelName, settings, out var model))
        {
            Console.Error.WriteLine($"--migration-model {modelName}: unknown; known: {string.Join(", ", MigrationModelRegistry.Names)}");
            return Program.ExitInvalidInput;
        }

        var planeOptions = stateSettings.For(redis, redisPrefix ?? $"bbupool:sim:{scenario.Name}:{settings.Seed ?? scenario.Seed}");
        IStatePlane plane;
        try
        {
            plane = await StatePlaneFactory.CreateAsync(planeOptions, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StatePlane"), ct);
        }
        catch (StatePlaneUnavailableException e)
        {
            Console.Error.WriteLine($"--redis {redis}: {e.Message}");
            return Program.ExitInvalidInput;
        }

        await using var planeLifetime = plane;
        var recorder = new StatePlaneRecorder(plane);
        recorder.PlanSampling((int)Math.Ceiling(scenario.DurationSeconds / scenario.StepSeconds));
        var engine = new SimulationEngine(scenario, scheduler!, model!, settings, recorder);
        SimulationReport report;
        try
        {
            report = SimulationProgressView.Run(engine, scenario, ct);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("state plane", StringComparison.Ordinal))
        {
            Console.Error.WriteLine(e.Message);
            return Program.ExitInvalidInput;
        }

        SummaryTable.Write(AnsiConsole.Console, report);
        AnsiConsole.MarkupLine(Markup.Escape($"state plane {plane.Description}: {recorder.PlansCommitted} plans committed, {recorder.MigrationsRecorded} migrations recorded, {recorder.VerifiedPlacements} placements read back and verified"));
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
