using BbuPool.Core.Events;
using BbuPool.Core.Model;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>The `events:` section: failures, repairs, drains, fronthaul degradation, nodes added.</summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] EventTypes = ["node_failure", "node_repair", "maintenance_drain", "fronthaul_degradation", "nodes_added"];

    private static readonly Dictionary<string, string[]> EventKeys = new(StringComparer.Ordinal)
    {
        ["node_failure"] = ["at", "type", "node"],
        ["node_repair"] = ["at", "type", "node"],
        ["maintenance_drain"] = ["at", "type", "node", "duration"],
        ["fronthaul_degradation"] = ["at", "type", "site", "extra_latency_us", "bandwidth_gbps", "duration"],
        ["nodes_added"] = ["at", "type", "nodes"],
    };

    // Where each event was written (records compare by value, so identical events share a position).
    private readonly Dictionary<ScenarioEvent, YamlNode> _eventNodes = [];

    private void ParseEvents(YamlSequenceNode? list)
    {
        // nodes_added first, so other events may name the nodes they add.
        var items = Items(list, "events").ToList();
        var types = items.Select(i => EventType(i.Node, i.Path)).ToList();
        var addedAt = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < items.Count; k++)
        {
            if (types[k] == "nodes_added")
            {
                ParseNodesAdded(items[k].Node, items[k].Path, addedAt);
            }
        }

        for (var k = 0; k < items.Count; k++)
        {
            if (types[k] is { } type && type != "nodes_added")
            {
                ParseEvent(items[k].Node, items[k].Path, type, addedAt);
            }
        }
    }

    private string? EventType(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            _ = new MappingReader(node, path, _d, ["at", "type"]);
            return null;
        }

        var typeNode = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "type" }).Value;
        if (typeNode is null)
        {
            _d.Error(node, $"{path}: missing required key 'type' (one of {string.Join(", ", EventTypes)})");
            return null;
        }

        if (typeNode is YamlScalarNode { Value: { } t } && EventKeys.ContainsKey(t))
        {
            return t;
        }

        var text = (typeNode as YamlScalarNode)?.Value ?? string.Empty;
        var hint = KeySuggester.Closest(text, EventTypes) is { } s ? $"; did you mean '{s}'?" : string.Empty;
        _d.Error(typeNode, $"{path}.type: expected one of {string.Join(", ", EventTypes)}, got {MappingReader.Describe(typeNode)}{hint}");
        return null;
    }

    private void ParseNodesAdded(YamlNode node, string path, Dictionary<string, double> addedAt)
    {
        var m = new MappingReader(node, $"{path} (nodes_added)", _d, EventKeys["nodes_added"]);
        var at = m.Duration("at", 0, _duration, required: true);
        var groups = m.Get("nodes");
        if (groups is null)
        {
            m.Missing("nodes");
            return;
        }

        var specs = new List<NodeSpec>();
        var groupNodes = groups is YamlSequenceNode seq ? seq.Children.ToList() : [groups];
        for (var i = 0; i < groupNodes.Count; i++)
        {
            var groupPath = groups is YamlSequenceNode ? $"{path}.nodes[{i}]" : $"{path}.nodes";
            specs.AddRange(ParseNodeGroup(groupNodes[i], groupPath, allowPowered: false).Select(n => n.Spec));
        }

        if (at is null || specs.Count == 0)
        {
            return;
        }

        foreach (var s in specs)
        {
            addedAt[s.Id] = at.Value;
        }

        _events.Add(new NodesAddedEvent(at.Value, specs));
    }

    private void ParseEvent(YamlNode node, string path, string type, Dictionary<string, double> addedAt)
    {
        var m = new MappingReader(node, $"{path} ({type})", _d, EventKeys[type]);
        var at = m.Duration("at", 0, _duration, required: true);
        if (type == "fronthaul_degradation")
        {
            ParseFronthaulEvent(m, at);
            return;
        }

        var nodeId = m.String("node", required: true);
        double? duration = type == "maintenance_drain" ? m.Duration("duration", 0, MaxDurationSeconds, minExclusive: true) : null;
        if (nodeId is not null && !_nodeIds.ContainsKey(nodeId))
        {
            if (_brokenNodeGroups.Any(g => nodeId.StartsWith(g + "-", StringComparison.Ordinal)))
            {
                return;
            }

            var hint = KeySuggester.Closest(nodeId, _nodeIds.Keys) is { } s ? $"; did you mean '{s}'?" : string.Empty;
            _d.Error(m.Get("node")!, $"{m.Path}.node: unknown node '{nodeId}'{hint}");
            return;
        }

        if (nodeId is not null && at is not null && addedAt.TryGetValue(nodeId, out var added) && at.Value < added)
        {
            _d.Error(m.Get("at")!, $"{m.Path}.at: node '{nodeId}' is only added at {added} s");
            return;
        }

        if (nodeId is null || at is null)
        {
            return;
        }

        ScenarioEvent e = type switch
        {
            "node_failure" => new NodeFailureEvent(at.Value, nodeId),
            "node_repair" => new NodeRepairEvent(at.Value, nodeId),
            _ => new MaintenanceDrainEvent(at.Value, nodeId, duration),
        };
        _events.Add(e);
        _eventNodes[e] = node;
    }

    private void ParseFronthaulEvent(MappingReader m, double? at)
    {
        var site = m.String("site", required: true);
        // 0..10 ms of extra latency: beyond ~100-400 µs every RAT's fronthaul budget is blown anyway.
        var latency = m.Number("extra_latency_us", 0, 10_000) ?? 0;
        var bandwidth = m.Number("bandwidth_gbps", 0, 1600, required: true);
        var duration = m.Duration("duration", 0, MaxDurationSeconds, minExclusive: true);
        if (site is not null && !_sites.Contains(site) && !_nodes.Any(n => n.Site == site))
        {
            if (_brokenCellGroups.Count > 0 || _brokenNodeGroups.Count > 0)
            {
                return;
            }

            var hint = KeySuggester.Closest(site, _sites) is { } s ? $"; did you mean '{s}'?" : string.Empty;
            _d.Error(m.Get("site")!, $"{m.Path}.site: no cell or node is at site '{site}'{hint}");
            return;
        }

        if (site is not null && at is not null && bandwidth is not null)
        {
            _events.Add(new FronthaulDegradationEvent(at.Value, site, latency, bandwidth.Value, duration));
        }
    }
}
