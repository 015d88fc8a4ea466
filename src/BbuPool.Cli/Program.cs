using System.CommandLine;
using BbuPool.Cli.Commands;
using BbuPool.Cli.Rendering;
using Spectre.Console;

namespace BbuPool.Cli;

/// <summary>The `bbupool` command: one verb per <see cref="ICliVerb"/> in this assembly.</summary>
public static class Program
{
    /// <summary>Exit code for bad input (scenario or argument errors), as documented in docs/operations.md.</summary>
    public const int ExitInvalidInput = 2;

    /// <summary>Runs the verb named on the command line and returns its exit code.</summary>
    public static async Task<int> Main(string[] args)
    {
        // Bind Spectre to the current stdout on every call: tests run Main in-process with a
        // redirected Console.Out, and Spectre would otherwise keep the first writer it saw.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        RedirectedOutput.Apply(console, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS"));
        AnsiConsole.Console = console;
        var root = BuildRoot();
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>The root command with every verb (tests call it to check the command tree).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("bbupool: C-RAN BBU-pool resource scheduler (simulate, validate, bench, state).");
        foreach (var verb in VerbCatalog.Create())
        {
            root.Subcommands.Add(verb.Create());
        }

        return root;
    }
}
