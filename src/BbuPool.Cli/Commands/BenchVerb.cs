using System.CommandLine;
using BbuPool.Cli.Bench;
using Spectre.Console;

namespace BbuPool.Cli.Commands;

/// <summary>`bbupool bench NAME [--quick] [--json FILE] [--redis HOST:PORT]`: system figures as ratios to a same-run baseline.</summary>
internal sealed class BenchVerb : ICliVerb
{
    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command("bench", "Measure system figures (ratios against a baseline measured in the same run).");
        foreach (var benchmark in BenchmarkCatalog.Create())
        {
            command.Subcommands.Add(CreateOne(benchmark));
        }

        return command;
    }

    private static Command CreateOne(IBenchmark benchmark)
    {
        var quick = new Option<bool>("--quick") { Description = "Short run (under 30 s): fewer sizes and repetitions." };
        var json = new Option<string?>("--json") { Description = "Write the figures as JSON to this file." };
        var redis = new Option<string?>("--redis") { Description = "Redis HOST:PORT (benchmarks that use Redis)." };
        var set = new Option<string[]>("--set") { Description = "Benchmark-specific KEY=VALUE settings.", AllowMultipleArgumentsPerToken = true };
        var command = new Command(benchmark.Name, benchmark.Description) { quick, json, redis, set };
        command.SetAction(async (parse, ct) =>
        {
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"--set {pair}: expected KEY=VALUE");
                    return Program.ExitInvalidInput;
                }

                extra[pair[..eq]] = pair[(eq + 1)..];
            }

            var context = new BenchContext(parse.GetValue(quick), parse.GetValue(json), parse.GetValue(redis), extra, AnsiConsole.Console);
            return await benchmark.RunAsync(context, ct);
        });
        return command;
    }
}
