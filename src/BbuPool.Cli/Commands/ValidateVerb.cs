using System.CommandLine;
using BbuPool.Scenarios;

namespace BbuPool.Cli.Commands;

/// <summary>`bbupool validate FILE`: every problem as file:line:col: message, exit 2 when any.</summary>
internal sealed class ValidateVerb : ICliVerb
{
    /// <inheritdoc />
    public Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML)." };
        var command = new Command("validate", "Check a scenario file without running it.") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var result = ScenarioLoader.Load(path);
            if (ScenarioErrors.Report(result, Console.Error))
            {
                return Program.ExitInvalidInput;
            }

            var s = result.Scenario!;
            Console.Out.WriteLine($"{path}: ok ({s.Cells.Count} cells, {s.Nodes.Count} nodes, {s.Events.Count} events, {s.DurationSeconds / 3600:F1} h at {s.StepSeconds} s steps)");
            return 0;
        });
        return command;
    }
}
