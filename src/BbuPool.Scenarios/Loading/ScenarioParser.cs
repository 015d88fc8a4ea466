using BbuPool.Core.Events;
using BbuPool.Core.Model;
using BbuPool.Scenarios.Traffic;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>
/// One load of one scenario file: reads each section (partials ScenarioParser.*.cs), checks the
/// references between them, and collects every problem instead of stopping at the first.
/// </summary>
internal sealed partial class ScenarioParser
{
    /// <summary>Longest scenario: 366 days (a leap year of operation).</summary>
    private const double MaxDurationSeconds = 366 * 86_400.0;

    private static readonly string[] TopKeys =
        ["name", "description", "duration", "step", "seed", "templates", "stacks", "pool", "cells", "traffic", "events", "policy", "cost_model"];

    private readonly Diagnostics _d;
    private readonly string _file;
    private readonly Dictionary<string, StackProfile> _stacks = new(StringComparer.Ordinal);
    private readonly List<NodeSpec> _nodes = [];
    private readonly HashSet<string> _powered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlNode> _nodeIds = new(StringComparer.Ordinal);
    private readonly List<CellSpec> _cells = [];
    private readonly Dictionary<string, YamlNode> _cellIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Start, int Count, YamlNode Node)> _cellGroups = new(StringComparer.Ordinal);
    private readonly List<ScenarioEvent> _events = [];

    // Ids of stacks, cell groups and node groups that had errors: references to them are not
    // reported again (one mistake, one message).
    private readonly HashSet<string> _brokenStacks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _brokenCellGroups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _brokenNodeGroups = new(StringComparer.Ordinal);
    private double _duration = 86_400;
    private double _step = 60;
    private ulong _seed = 1;

    /// <summary>A parser reporting problems against <paramref name="file"/>.</summary>
    public ScenarioParser(string file)
    {
        _file = file;
        _d = new Diagnostics(file);
    }

    /// <summary>Parses and validates the whole text.</summary>
    public ScenarioLoadResult Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            // The parser cannot go on after a syntax error: report it where it is and stop.
            _d.Error(e.Start, $"YAML syntax error: {Clean(e)}");
            return Result(null);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            _d.Error(new Mark(0, 1, 1), "the scenario is empty");
            return Result(null);
        }

        if (stream.Documents.Count > 1)
        {
            _d.Error(stream.Documents[1].RootNode, "one scenario per file: a second YAML document starts here");
        }

        var root = new MappingReader(stream.Documents[0].RootNode, "scenario", _d, TopKeys);
        if (!root.IsMapping)
        {
            return Result(null);
        }

        var name = root.String("name") ?? Path.GetFileNameWithoutExtension(_file);
        root.String("description");
        _duration = root.Duration("duration", 0, MaxDurationSeconds, required: true, minExclusive: true) ?? _duration;
        // No step given: 60 s, or the whole duration when that is shorter.
        _step = root.Duration("step", 0, _duration, minExclusive: true) ?? Math.Min(_step, _duration);

        if (root.Get("seed") is { } seedNode)
        {
            if (seedNode is YamlScalarNode { Value: { } seedText } && ulong.TryParse(seedText, out var seed))
            {
                _seed = seed;
            }
            else
            {
                _d.Error(seedNode, $"scenario.seed: expected a non-negative integer, got {MappingReader.Describe(seedNode)}");
            }
        }

        var costModel = ParseCostModel(root.Get("cost_model"));
        ParseStacks(root.Sequence("stacks", required: true));
        ParsePool(root.Sequence("pool", required: true));
        ParseCells(root.Sequence("cells", required: true));
        ParseEvents(root.Sequence("events"));
        var traffic = ParseTraffic(root.Sequence("traffic"));
        var policy = ParsePolicy(root.Get("policy"));
        CheckPlaceable();
        CheckFits(costModel, policy.Headroom);
        CheckEventOrder();

        if (_d.Errors.Count > 0)
        {
            return Result(null);
        }

        var cellCount = _cells.Count;
        var events = _events.OrderBy(e => e.AtSeconds).ToList();
        var scenario = new Scenario(
            name,
            _file,
            _nodes,
            _powered,
            _cells,
            _stacks,
            seed => new ScenarioTrafficSource(cellCount, [.. traffic.Select(f => f(seed))]),
            events,
            policy,
            costModel,
            _duration,
            _step,
            _seed);
        return Result(scenario);
    }

    private ScenarioLoadResult Result(Scenario? scenario) => new(scenario, _d.SortedErrors(), _d.SortedWarnings());

    /// <summary>YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the position is in ours already.</summary>
    private static string Clean(YamlException e)
    {
        var message = e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }

    /// <summary>Items of a list, each with its path ("pool[2]").</summary>
    private static IEnumerable<(YamlNode Node, string Path)> Items(YamlSequenceNode? list, string name)
    {
        if (list is null)
        {
            yield break;
        }

        var i = 0;
        foreach (var item in list.Children)
        {
            yield return (item, $"{name}[{i++}]");
        }
    }

    /// <summary>Ids numbered from 1, zero-padded to at least two digits: x86-a-01..x86-a-12.</summary>
    private static string ExpandId(string prefix, int index, int count)
    {
        var width = Math.Max(2, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return $"{prefix}-{(index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')}";
    }
}
