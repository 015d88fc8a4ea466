using BbuPool.Scenarios;

namespace BbuPool.Cli.Commands;

/// <summary>Prints a scenario's load errors the same way for every verb.</summary>
internal static class ScenarioErrors
{
    /// <summary>Writes each error as file:line:col: message; returns true when there were errors.</summary>
    public static bool Report(ScenarioLoadResult result, TextWriter error)
    {
        foreach (var w in result.Warnings)
        {
            error.WriteLine($"{w} (warning)");
        }

        if (result.Errors.Count == 0 && result.Scenario is not null)
        {
            return false;
        }

        foreach (var e in result.Errors)
        {
            error.WriteLine(e.ToString());
        }

        error.WriteLine($"{result.Errors.Count} error(s); nothing was run.");
        return true;
    }
}
