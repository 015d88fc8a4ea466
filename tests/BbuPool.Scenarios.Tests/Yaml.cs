namespace BbuPool.Scenarios.Tests;

/// <summary>A small valid scenario that tests vary one line at a time.</summary>
internal static class Yaml
{
    /// <summary>Valid: 2 nodes, 3 LTE cells at a constant load. Line numbers matter to the tests.</summary>
    public const string Minimal = """
        name: t
        duration: 1h
        step: 60
        stacks:
          - id: s
            vendor: v
            rat: lte
        pool:
          - id: n
            count: 2
            arch: x86_64
            cores: 32
        cells:
          - id: c
            count: 3
            rat: lte
            bandwidth_mhz: 20
            stack: s
        traffic:
          - cells: c
            profile: constant
            utilisation: 0.5
        """;

    /// <summary>Loads <paramref name="text"/> as "t.yaml".</summary>
    public static ScenarioLoadResult Load(string text) => ScenarioLoader.LoadFromText(text, "t.yaml");

    /// <summary>The minimal scenario with <paramref name="from"/> replaced by <paramref name="to"/> (must occur once).</summary>
    public static string Replace(string from, string to)
    {
        var at = Minimal.IndexOf(from, StringComparison.Ordinal);
        if (at < 0 || Minimal.IndexOf(from, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{from}' must occur exactly once", nameof(from));
        }

        return Minimal.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>The single error of a load, asserting there is exactly one.</summary>
    public static ScenarioError SingleError(string text)
    {
        var result = Load(text);
        Assert.Null(result.Scenario);
        return Assert.Single(result.Errors);
    }
}
