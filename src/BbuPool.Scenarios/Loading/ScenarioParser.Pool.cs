using BbuPool.Core.Model;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>The `pool:` section: node groups expanded to nodes &lt;id&gt;-01..NN (also used by nodes_added events).</summary>
internal sealed partial class ScenarioParser
{
    /// <summary>Keys of a node group.</summary>
    internal static readonly string[] NodeGroupKeys =
        ["id", "count", "arch", "cores", "os_cores", "clock_ghz", "numa", "memory_gib", "nic_gbps", "idle_watts", "peak_watts", "boot_seconds", "site", "hub", "powered"];

    private void ParsePool(YamlSequenceNode? list)
    {
        foreach (var (node, path) in Items(list, "pool"))
        {
            foreach (var (spec, powered) in ParseNodeGroup(node, path, allowPowered: true))
            {
                _nodes.Add(spec);
                if (powered)
                {
                    _powered.Add(spec.Id);
                }
            }
        }

        if (list is not null && list.Children.Count == 0)
        {
            _d.Error(list, "pool: list at least one node group");
        }
    }

    /// <summary>Parses one node group and registers its node ids; empty when it has errors.</summary>
    private List<(NodeSpec Spec, bool Powered)> ParseNodeGroup(YamlNode node, string path, bool allowPowered)
    {
        var result = new List<(NodeSpec, bool)>();
        var m = new MappingReader(node, path, _d, NodeGroupKeys);
        if (!m.IsMapping)
        {
            return result;
        }

        var errorsBefore = _d.Errors.Count;
        var id = m.String("id", required: true);
        var count = m.Integer("count", 1, 100_000) ?? 1;
        var arch = m.Choice("arch", Names.Archs, required: true);
        var cores = m.Integer("cores", 1, 1024, required: true);
        // Two cores for the OS, agents and NIC interrupts is the usual vRAN reservation.
        var osCores = m.Integer("os_cores", 0, 1024) ?? 2;
        var clock = m.Number("clock_ghz", 0.5, 6) ?? 3.0;
        var numa = m.Integer("numa", 1, 16) ?? 1;
        var memory = m.Number("memory_gib", 1, 65_536) ?? 256;
        var nic = m.Number("nic_gbps", 1, 1600) ?? 100;
        // 2-socket servers: ~150-200 W idle, 350-500 W flat out (SPECpower results).
        var idle = m.Number("idle_watts", 0, 10_000) ?? 170;
        var peak = m.Number("peak_watts", 0, 10_000) ?? 420;
        var boot = m.Number("boot_seconds", 0, 3600) ?? 120;
        var site = m.String("site");
        var hub = m.String("hub");
        var powered = m.Bool("powered") ?? true;
        if (site is not null && hub is not null)
        {
            _d.Error(m.Get("hub")!, $"{path}: give either 'site' or 'hub' (they mean the same), not both");
        }

        if (!allowPowered && m.Get("powered") is { } poweredNode)
        {
            _d.Error(poweredNode, $"{path}.powered: added nodes always arrive powered off");
        }

        if (cores is { } c)
        {
            if (osCores >= c)
            {
                _d.Error(m.Get("os_cores") ?? m.Node, $"{path}.os_cores: {osCores} leaves no core for stacks; must be less than cores ({c})");
            }

            if (c % numa != 0)
            {
                _d.Error(m.Get("numa") ?? m.Node, $"{path}.numa: {c} cores do not split evenly over {numa} NUMA nodes");
            }
        }

        if (idle > peak)
        {
            _d.Error(m.Get("idle_watts") ?? m.Node, $"{path}.idle_watts: {idle} W idle is more than {peak} W peak");
        }

        if (_d.Errors.Count > errorsBefore || id is null || arch is null || cores is null)
        {
            if (id is not null)
            {
                _brokenNodeGroups.Add(id);
            }

            return result;
        }

        var idNode = m.Get("id")!;
        for (var i = 0; i < count; i++)
        {
            var nodeId = ExpandId(id, i, count);
            if (_nodeIds.TryGetValue(nodeId, out var first))
            {
                _d.Error(idNode, $"{path}.id: duplicate node id '{nodeId}' (first defined at line {first.Start.Line})");
                return [];
            }

            _nodeIds[nodeId] = idNode;
            result.Add((new NodeSpec(nodeId, arch.Value, cores.Value, osCores, clock, numa, memory, nic, idle, peak, boot, site ?? hub ?? "hub"), powered));
        }

        return result;
    }
}
