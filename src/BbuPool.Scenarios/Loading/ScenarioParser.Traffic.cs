using BbuPool.Core.Model;
using BbuPool.Scenarios.Traffic;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>
/// The `traffic:` section: one base profile per cell group (tidal, constant, ramp, csv) and any number of
/// flash-crowd overlays by site. Produces factories that build the components for a seed.
/// </summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] Profiles = ["tidal", "constant", "ramp", "csv", "flash_crowd"];

    private static readonly string[] CommonBaseKeys = ["profile", "cells", "mcs", "mcs_at_idle", "mcs_at_full", "max_active_ues", "noise", "noise_period"];

    private static readonly Dictionary<string, string[]> ProfileKeys = new(StringComparer.Ordinal)
    {
        ["tidal"] = [.. CommonBaseKeys, "kind", "peak_hours", "base", "amplitude", "ramp_hours", "jitter_minutes", "amplitude_spread"],
        ["constant"] = [.. CommonBaseKeys, "utilisation"],
        ["ramp"] = [.. CommonBaseKeys, "from", "to", "start", "end"],
        ["csv"] = ["profile", "cells", "file", "mcs", "mcs_at_idle", "mcs_at_full", "max_active_ues"],
        ["flash_crowd"] = ["profile", "site", "at", "duration", "multiplier", "ramp"],
    };

    /// <summary>Utilisation of cells no profile names (warned about): a middling 50 %.</summary>
    private const double UnprofiledUtilisation = 0.5;

    /// <summary>Default flash-crowd ramp: 15 min for a stadium to fill (gates open ~1 h before, most arrive late).</summary>
    private const double DefaultCrowdRampSeconds = 900;

    private List<Func<ulong, TrafficComponent>> ParseTraffic(YamlSequenceNode? list)
    {
        var bases = new List<Func<ulong, TrafficComponent>>();
        var overlays = new List<Func<ulong, TrafficComponent>>();
        var owner = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var salt = 0x100UL;
        foreach (var (node, path) in Items(list, "traffic"))
        {
            salt++;
            var profileNode = (node as YamlMappingNode)?.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "profile" }).Value;
            if (node is not YamlMappingNode)
            {
                _ = new MappingReader(node, path, _d, ["profile"]);
                continue;
            }

            string profile;
            if (profileNode is null)
            {
                _d.Error(node, $"{path}: missing required key 'profile' (one of {string.Join(", ", Profiles)})");
                continue;
            }

            if (profileNode is not YamlScalarNode { Value: { } pv } || !ProfileKeys.ContainsKey(pv))
            {
                var text = (profileNode as YamlScalarNode)?.Value ?? string.Empty;
                var hint = KeySuggester.Closest(text, Profiles) is { } s ? $"; did you mean '{s}'?" : string.Empty;
                _d.Error(profileNode, $"{path}.profile: expected one of {string.Join(", ", Profiles)}, got {MappingReader.Describe(profileNode)}{hint}");
                continue;
            }

            profile = pv;
            var m = new MappingReader(node, $"{path} ({profile})", _d, ProfileKeys[profile]);
            var saltNow = salt;
            if (profile == "flash_crowd")
            {
                if (ParseFlashCrowd(m) is { } overlay)
                {
                    overlays.Add(overlay);
                }

                continue;
            }

            var set = ParseCellSet(m, owner);
            var factory = profile switch
            {
                "tidal" => ParseTidal(m, set, saltNow),
                "constant" => ParseConstant(m, set, saltNow),
                "ramp" => ParseRamp(m, set, saltNow),
                _ => ParseCsv(m, set),
            };
            if (factory is not null && set is not null)
            {
                bases.Add(factory);
            }
        }

        // Cells no profile covers run at a constant middling load, with a warning per group.
        var uncovered = new List<int>();
        foreach (var (group, (start, count, idNode)) in _cellGroups)
        {
            if (!owner.ContainsKey(group))
            {
                _d.Warning(idNode, $"cell group '{group}' has no traffic profile; it runs at a constant {UnprofiledUtilisation:P0} load");
                uncovered.AddRange(Enumerable.Range(start, count));
            }
        }

        if (uncovered.Count > 0)
        {
            var set = MakeCellSet([.. uncovered], null, new LoadShape(LoadShape.DefaultMcsAtIdle, LoadShape.DefaultMcsAtFull), 0, CellSet.DefaultNoisePeriodSeconds);
            bases.Add(seed => new ConstantComponent(set, seed, 0xFF, UnprofiledUtilisation));
        }

        return [.. bases, .. overlays];
    }

    /// <summary>Reads `cells:` (one group id or a list) and the MCS/UE/noise keys every base profile shares.</summary>
    private CellSet? ParseCellSet(MappingReader m, Dictionary<string, YamlNode> owner)
    {
        var cellsNode = m.Get("cells");
        var groups = new List<string>();
        if (cellsNode is null)
        {
            if (m.IsMapping)
            {
                m.Missing("cells");
            }
        }
        else if (cellsNode is YamlScalarNode { Value: { Length: > 0 } single })
        {
            groups.Add(single);
        }
        else if (cellsNode is YamlSequenceNode seq)
        {
            foreach (var item in seq.Children)
            {
                if (item is YamlScalarNode { Value: { Length: > 0 } v })
                {
                    groups.Add(v);
                }
                else
                {
                    _d.Error(item, $"{m.Path}.cells: expected a cell group id, got {MappingReader.Describe(item)}");
                }
            }
        }
        else
        {
            _d.Error(cellsNode, $"{m.Path}.cells: expected a cell group id or a list of them, got {MappingReader.Describe(cellsNode)}");
        }

        var mcs = m.Number("mcs", 0, LoadSample.MaxMcs);
        var mcsIdle = m.Number("mcs_at_idle", 0, LoadSample.MaxMcs) ?? mcs ?? LoadShape.DefaultMcsAtIdle;
        var mcsFull = m.Number("mcs_at_full", 0, LoadSample.MaxMcs) ?? mcs ?? LoadShape.DefaultMcsAtFull;
        if (mcs is not null && (m.Has("mcs_at_idle") || m.Has("mcs_at_full")))
        {
            _d.Error(m.Get("mcs")!, $"{m.Path}.mcs: give either a fixed 'mcs' or 'mcs_at_idle'/'mcs_at_full', not both");
        }

        var maxUes = m.Number("max_active_ues", 0, 100_000);
        var noise = m.Number("noise", 0, 0.5) ?? 0;
        var noisePeriod = m.Duration("noise_period", 1, 86_400) ?? CellSet.DefaultNoisePeriodSeconds;

        var cells = new List<int>();
        var ok = groups.Count > 0;
        var itemNodes = cellsNode is YamlSequenceNode s2 ? s2.Children.ToList() : cellsNode is null ? [] : [cellsNode];
        for (var k = 0; k < groups.Count; k++)
        {
            var group = groups[k];
            var at = k < itemNodes.Count ? itemNodes[k] : cellsNode!;
            if (!_cellGroups.TryGetValue(group, out var g))
            {
                ok = false;
                if (_brokenCellGroups.Contains(group))
                {
                    owner[group] = at;
                    continue;
                }

                var hint = KeySuggester.Closest(group, _cellGroups.Keys) is { } s ? $"; did you mean '{s}'?" : string.Empty;
                _d.Error(at, $"{m.Path}.cells: unknown cell group '{group}'{hint} (defined: {string.Join(", ", _cellGroups.Keys)})");
                ok = false;
                continue;
            }

            if (owner.TryGetValue(group, out var previous))
            {
                _d.Error(at, $"{m.Path}.cells: cell group '{group}' already has a base profile (line {previous.Start.Line}); layer flash_crowd entries on top instead");
                ok = false;
                continue;
            }

            owner[group] = at;
            cells.AddRange(Enumerable.Range(g.Start, g.Count));
        }

        return ok ? MakeCellSet([.. cells], maxUes, new LoadShape(mcsIdle, mcsFull), noise, noisePeriod) : null;
    }

    private CellSet MakeCellSet(int[] cells, double? maxUes, LoadShape shape, double noise, double period)
    {
        var ues = new double[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var c = _cells[cells[i]];
            ues[i] = maxUes ?? LoadShape.DefaultMaxActiveUes(c.Rat, c.Prbs);
        }

        return new CellSet(cells, ues, shape, noise, period);
    }

    private Func<ulong, TrafficComponent>? ParseTidal(MappingReader m, CellSet? set, ulong salt)
    {
        var kind = m.Choice("kind", Names.TidalKinds, required: true);
        double start = kind == TidalKind.Residential ? 19 : 9;
        double end = kind == TidalKind.Residential ? 23 : 17;
        if (m.Sequence("peak_hours") is { } hours)
        {
            if (hours.Children.Count != 2)
            {
                _d.Error(hours, $"{m.Path}.peak_hours: expected [start, end] in hours of the day, e.g. [9, 17]");
            }
            else
            {
                start = m.NumberOf(hours.Children[0], $"{m.Path}.peak_hours", 0, 24) ?? start;
                end = m.NumberOf(hours.Children[1], $"{m.Path}.peak_hours", 0, 24) ?? end;
            }
        }

        // Busy-hour cells run at ~70 % PRB utilisation, night-time ones at ~10 % (operator PM data
        // as in the CloudIQ and tidal-effect literature): base 0.1, amplitude 0.6.
        var baseU = m.Number("base", 0, 1) ?? 0.1;
        var amplitude = m.Number("amplitude", 0, 1) ?? 0.6;
        if (baseU + amplitude > 1 + 1e-9 && m.Has("amplitude"))
        {
            _d.Error(m.Get("amplitude")!, $"{m.Path}.amplitude: base + amplitude = {baseU + amplitude:0.###} exceeds 1 (utilisation is a share of PRBs)");
        }

        var ramp = m.Number("ramp_hours", 0.25, 12) ?? 2;
        var jitter = m.Number("jitter_minutes", 0, 720) ?? 30;
        var spread = m.Number("amplitude_spread", 0, 0.9) ?? 0.15;
        if (set is null || kind is null)
        {
            return null;
        }

        return seed => new TidalComponent(set, seed, salt, start, end, ramp, baseU, amplitude, jitter, spread);
    }

    private static Func<ulong, TrafficComponent>? ParseConstant(MappingReader m, CellSet? set, ulong salt)
    {
        var u = m.Number("utilisation", 0, 1, required: true);
        return set is null || u is null ? null : seed => new ConstantComponent(set, seed, salt, u.Value);
    }

    private Func<ulong, TrafficComponent>? ParseRamp(MappingReader m, CellSet? set, ulong salt)
    {
        var from = m.Number("from", 0, 1, required: true);
        var to = m.Number("to", 0, 1, required: true);
        var start = m.Duration("start", 0, _duration) ?? 0;
        var end = m.Duration("end", 0, _duration) ?? _duration;
        if (end <= start && m.Get("end") is { } endNode)
        {
            _d.Error(endNode, $"{m.Path}.end: must be after start ({start} s)");
            return null;
        }

        return set is null || from is null || to is null ? null : seed => new RampComponent(set, seed, salt, from.Value, to.Value, start, end);
    }

    private Func<ulong, TrafficComponent>? ParseFlashCrowd(MappingReader m)
    {
        var site = m.String("site", required: true);
        var at = m.Duration("at", 0, _duration, required: true);
        var duration = m.Duration("duration", 0, MaxDurationSeconds, required: true, minExclusive: true);
        // 10x is already a full stadium on a cell sized for a normal day.
        var multiplier = m.Number("multiplier", 0, 20, required: true);
        var ramp = m.Duration("ramp", 0, MaxDurationSeconds) ?? DefaultCrowdRampSeconds;
        if (site is not null && !_cellsBySite.ContainsKey(site))
        {
            // A broken cell group may be the one at this site: do not report the same mistake twice.
            if (_brokenCellGroups.Count > 0)
            {
                return null;
            }

            var hint = KeySuggester.Closest(site, _sites) is { } s ? $"; did you mean '{s}'?" : string.Empty;
            _d.Error(m.Get("site")!, $"{m.Path}.site: no cell is at site '{site}'{hint}");
            return null;
        }

        if (site is null || at is null || duration is null || multiplier is null)
        {
            return null;
        }

        var cells = _cellsBySite[site].ToArray();
        return _ => new FlashCrowdComponent(cells, at.Value, duration.Value, multiplier.Value, ramp);
    }
}
