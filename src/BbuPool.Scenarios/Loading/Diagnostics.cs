using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>Collects every error and warning of one load, each at a file position.</summary>
internal sealed class Diagnostics
{
    private readonly List<ScenarioError> _errors = [];
    private readonly List<ScenarioError> _warnings = [];

    /// <summary>Creates a collector for problems in <paramref name="file"/>.</summary>
    public Diagnostics(string file) => File = file;

    /// <summary>The scenario file's name as the user gave it.</summary>
    public string File { get; }

    /// <summary>Errors so far.</summary>
    public IReadOnlyList<ScenarioError> Errors => _errors;

    /// <summary>Warnings so far.</summary>
    public IReadOnlyList<ScenarioError> Warnings => _warnings;

    /// <summary>Error at a YAML node of the scenario file.</summary>
    public void Error(YamlNode node, string message) => Error(node.Start, message);

    /// <summary>Error at a mark of the scenario file.</summary>
    public void Error(Mark mark, string message) => _errors.Add(new ScenarioError(File, (int)mark.Line, (int)mark.Column, message));

    /// <summary>Error in another file (a CSV trace).</summary>
    public void ErrorIn(string file, int line, int column, string message) => _errors.Add(new ScenarioError(file, line, column, message));

    /// <summary>Warning at a YAML node of the scenario file.</summary>
    public void Warning(YamlNode node, string message) =>
        _warnings.Add(new ScenarioError(File, (int)node.Start.Line, (int)node.Start.Column, message));

    /// <summary>Errors sorted by file, line and column (the order a reader fixes them in).</summary>
    public IReadOnlyList<ScenarioError> SortedErrors() => Sort(_errors);

    /// <summary>Warnings sorted by position.</summary>
    public IReadOnlyList<ScenarioError> SortedWarnings() => Sort(_warnings);

    private static List<ScenarioError> Sort(List<ScenarioError> list) =>
        [.. list.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)];
}
