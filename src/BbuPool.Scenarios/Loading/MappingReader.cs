using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>
/// Reads one YAML mapping against its list of allowed keys: reports unknown keys (with a
/// did-you-mean), missing required keys, wrong types and out-of-range values, each at its node.
/// A getter returns null after reporting, so parsing goes on and every problem is found.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly Diagnostics _diagnostics;

    /// <summary>The YAML merge key.</summary>
    private const string MergeKey = "<<";

    /// <summary>Checks <paramref name="node"/> is a mapping whose keys are all in <paramref name="allowed"/>.</summary>
    public MappingReader(YamlNode node, string path, Diagnostics diagnostics, IReadOnlyCollection<string> allowed)
    {
        Node = node;
        Path = path;
        _diagnostics = diagnostics;
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(node, $"{path}: expected a mapping of keys ({string.Join(", ", allowed)}), got {Describe(node)}");
            IsMapping = false;
            return;
        }

        IsMapping = true;
        var merges = new List<YamlNode>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is YamlScalarNode { Value: MergeKey })
            {
                merges.Add(value);
                continue;
            }

            Add(keyNode, value, allowed);
        }

        // YAML merge keys (`<<: *lte-macro`): the anchored mapping's keys apply where this mapping
        // does not set them, so groups can share a template defined under `templates:`.
        foreach (var merge in merges)
        {
            var sources = merge is YamlSequenceNode list ? list.Children : (IList<YamlNode>)[merge];
            foreach (var source in sources)
            {
                if (source is not YamlMappingNode template)
                {
                    diagnostics.Error(source, $"{path}.<<: expected a mapping (an anchored template such as *lte-macro), got {Describe(source)}");
                    continue;
                }

                foreach (var (keyNode, value) in template.Children)
                {
                    if (keyNode is YamlScalarNode { Value: { } k } && !_entries.ContainsKey(k))
                    {
                        Add(keyNode, value, allowed);
                    }
                }
            }
        }
    }

    private void Add(YamlNode keyNode, YamlNode value, IReadOnlyCollection<string> allowed)
    {
        if (keyNode is not YamlScalarNode key || key.Value is null)
        {
            _diagnostics.Error(keyNode, $"{Path}: keys must be plain words");
            return;
        }

        if (!allowed.Contains(key.Value))
        {
            var suggestion = KeySuggester.Closest(key.Value, allowed);
            var hint = suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
            _diagnostics.Error(key, $"unknown key '{key.Value}' in {Path}{hint} (allowed: {string.Join(", ", allowed)})");
            return;
        }

        _entries[key.Value] = (key, value);
    }

    /// <summary>The mapping node (positions of "missing key" errors).</summary>
    public YamlNode Node { get; }

    /// <summary>Where this mapping is, for messages (for example "cells[2]").</summary>
    public string Path { get; }

    /// <summary>False when the node was not a mapping (already reported).</summary>
    public bool IsMapping { get; }

    /// <summary>The value node of <paramref name="key"/>, or null when absent.</summary>
    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Reports that a required key is absent.</summary>
    public void Missing(string key) => _diagnostics.Error(Node, $"{Path}: missing required key '{key}'");

    /// <summary>A string value.</summary>
    public string? String(string key, bool required = false)
    {
        var node = Require(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } v })
        {
            return v;
        }

        _diagnostics.Error(node, $"{Path}.{key}: expected a string, got {Describe(node)}");
        return null;
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>] (min excluded when <paramref name="minExclusive"/>).</summary>
    public double? Number(string key, double min, double max, bool required = false, bool minExclusive = false)
    {
        var node = Require(key, required);
        return node is null ? null : NumberOf(node, $"{Path}.{key}", min, max, minExclusive);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Integer(string key, int min, int max, bool required = false)
    {
        var node = Require(key, required);
        return node is null ? null : IntegerOf(node, $"{Path}.{key}", min, max);
    }

    /// <summary>A boolean (true/false, yes/no, on/off).</summary>
    public bool? Bool(string key, bool required = false)
    {
        var node = Require(key, required);
        if (node is null)
        {
            return null;
        }

        switch ((node as YamlScalarNode)?.Value?.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                _diagnostics.Error(node, $"{Path}.{key}: expected true or false, got {Describe(node)}");
                return null;
        }
    }

    /// <summary>A duration or time ("90m", "24h", "07:30", seconds) within the bounds, in seconds.</summary>
    public double? Duration(string key, double min, double max, bool required = false, bool minExclusive = false)
    {
        var node = Require(key, required);
        return node is null ? null : DurationOf(node, $"{Path}.{key}", min, max, minExclusive);
    }

    /// <summary>One of <paramref name="names"/> (case-insensitive).</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> names, bool required = false)
        where T : struct
    {
        var node = Require(key, required);
        return node is null ? null : ChoiceOf(node, $"{Path}.{key}", names);
    }

    /// <summary>A sequence value.</summary>
    public YamlSequenceNode? Sequence(string key, bool required = false)
    {
        var node = Require(key, required);
        if (node is null or YamlSequenceNode)
        {
            return (YamlSequenceNode?)node;
        }

        _diagnostics.Error(node, $"{Path}.{key}: expected a list, got {Describe(node)}");
        return null;
    }

    /// <summary>Parses a number node within bounds, reporting wrong types and ranges.</summary>
    public double? NumberOf(YamlNode node, string what, double min, double max, bool minExclusive = false)
    {
        if (node is not YamlScalarNode { Value: { } text }
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            _diagnostics.Error(node, $"{what}: expected a number, got {Describe(node)}");
            return null;
        }

        return InRange(node, what, value, min, max, minExclusive) ? value : null;
    }

    /// <summary>Parses an integer node within bounds.</summary>
    public int? IntegerOf(YamlNode node, string what, int min, int max)
    {
        if (node is not YamlScalarNode { Value: { } text }
            || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            _diagnostics.Error(node, $"{what}: expected an integer, got {Describe(node)}");
            return null;
        }

        return InRange(node, what, value, min, max, false) ? (int)value : null;
    }

    /// <summary>Parses a duration node within bounds.</summary>
    public double? DurationOf(YamlNode node, string what, double min, double max, bool minExclusive = false)
    {
        if (node is not YamlScalarNode { Value: { } text } || !DurationText.TryParseSeconds(text, out var seconds))
        {
            _diagnostics.Error(node, $"{what}: expected a duration such as 3600, \"90m\", \"24h\", \"1h30m\" or \"07:30\", got {Describe(node)}");
            return null;
        }

        return InRange(node, what, seconds, min, max, minExclusive, "s") ? seconds : null;
    }

    /// <summary>Parses one of <paramref name="names"/>.</summary>
    public T? ChoiceOf<T>(YamlNode node, string what, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        var text = (node as YamlScalarNode)?.Value;
        if (text is not null && names.TryGetValue(text.ToLowerInvariant(), out var value))
        {
            return value;
        }

        var suggestion = text is null ? null : KeySuggester.Closest(text, names.Keys);
        var hint = suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
        _diagnostics.Error(node, $"{what}: expected one of {string.Join(", ", names.Keys)}, got {Describe(node)}{hint}");
        return null;
    }

    /// <summary>How a node looks in a message: its text, or its kind for lists and mappings.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { Length: > 0 } v } => $"'{v}'",
        YamlScalarNode => "nothing",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    private bool InRange(YamlNode node, string what, double value, double min, double max, bool minExclusive, string unit = "")
    {
        var low = minExclusive ? value <= min : value < min;
        if (!low && value <= max)
        {
            return true;
        }

        var lowText = minExclusive ? $"greater than {Format(min)}{unit}" : $"at least {Format(min)}{unit}";
        var range = double.IsPositiveInfinity(max) || max >= int.MaxValue
            ? lowText
            : minExclusive ? $"in ({Format(min)}{unit}, {Format(max)}{unit}]" : $"in [{Format(min)}{unit}, {Format(max)}{unit}]";
        _diagnostics.Error(node, $"{what}: {Format(value)}{unit} is out of range; must be {range}");
        return false;
    }

    private static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private YamlNode? Require(string key, bool required)
    {
        var node = Get(key);
        if (node is null && required && IsMapping)
        {
            Missing(key);
        }

        return node;
    }
}
