using BbuPool.Scenarios.Loading;

namespace BbuPool.Scenarios;

/// <summary>Reads a scenario file, validates all of it and expands its templates (schema: docs/scenarios.md).</summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates the scenario at <paramref name="path"/>; CSV traces are read relative to it.</summary>
    public static ScenarioLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new ScenarioLoadResult(null, [new ScenarioError(path, 1, 1, $"cannot read scenario file: {e.Message}")], []);
        }

        return LoadFromText(text, path);
    }

    /// <summary>
    /// Loads a scenario from <paramref name="text"/>; <paramref name="fileName"/> names it in errors and
    /// is the base for relative CSV paths.
    /// </summary>
    public static ScenarioLoadResult LoadFromText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return new ScenarioParser(fileName).Parse(text);
    }
}
