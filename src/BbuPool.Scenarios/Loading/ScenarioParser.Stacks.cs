using BbuPool.Core.Model;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>The `stacks:` section: vendor stack profiles.</summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] StackKeys =
        ["id", "vendor", "rat", "archs", "stateful", "cost_factor", "base_state_mib", "state_per_ue_kib", "dirty_per_scheduled_ue_kib", "base_memory_gib"];

    private readonly Dictionary<string, YamlNode> _stackNodes = new(StringComparer.Ordinal);

    private void ParseStacks(YamlSequenceNode? list)
    {
        foreach (var (node, path) in Items(list, "stacks"))
        {
            var m = new MappingReader(node, path, _d, StackKeys);
            if (!m.IsMapping)
            {
                continue;
            }

            var id = m.String("id", required: true);
            var vendor = m.String("vendor", required: true);
            var rat = m.Choice("rat", Names.Rats, required: true);
            var archs = ParseArchs(m, path);
            var stateful = m.Bool("stateful") ?? true;
            // A stack 10x the reference (or a tenth of it) is a typo, not a vendor.
            var costFactor = m.Number("cost_factor", 0.1, 10) ?? 1.0;
            // Defaults: an LTE/NR L1+L2 keeps ~32 MiB of tables and buffers, ~128 KiB per UE
            // (context + HARQ soft buffers), rewrites ~16 KiB per scheduled UE per TTI.
            var baseState = m.Number("base_state_mib", 0, 65_536) ?? 32;
            var perUe = m.Number("state_per_ue_kib", 0, 1_048_576) ?? 128;
            var dirty = m.Number("dirty_per_scheduled_ue_kib", 0, 1_048_576) ?? 16;
            var baseMemory = m.Number("base_memory_gib", 0, 1024) ?? 1;
            if (id is null || vendor is null || rat is null || archs is null)
            {
                if (id is not null)
                {
                    _brokenStacks.Add(id);
                }

                continue;
            }

            if (_stacks.ContainsKey(id))
            {
                _d.Error(m.Get("id")!, $"{path}.id: duplicate stack id '{id}' (first defined at line {_stackNodes[id].Start.Line})");
                continue;
            }

            _stackNodes[id] = m.Get("id")!;
            _stacks[id] = new StackProfile(id, vendor, rat.Value, archs, stateful, costFactor, baseState, perUe, dirty, baseMemory);
        }
    }

    private List<CpuArch>? ParseArchs(MappingReader m, string path)
    {
        var list = m.Sequence("archs");
        if (list is null)
        {
            // The x86 build is the one every vendor ships.
            return m.Has("archs") ? null : [CpuArch.X64];
        }

        var archs = new List<CpuArch>();
        foreach (var item in list.Children)
        {
            if (m.ChoiceOf(item, $"{path}.archs", Names.Archs) is { } arch)
            {
                if (archs.Contains(arch))
                {
                    _d.Error(item, $"{path}.archs: '{arch.ToName()}' is listed twice");
                }
                else
                {
                    archs.Add(arch);
                }
            }
        }

        if (list.Children.Count == 0)
        {
            _d.Error(list, $"{path}.archs: list at least one architecture (x86_64, aarch64)");
        }

        return archs.Count == 0 ? null : archs;
    }
}
