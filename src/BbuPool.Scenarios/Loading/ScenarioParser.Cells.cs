using System.Globalization;
using BbuPool.Core.Model;
using BbuPool.Core.Radio;
using BbuPool.Scenarios.Traffic;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>The `cells:` section: cell groups expanded to cells, spread over sites, clustered for CoMP.</summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] CellGroupKeys =
        ["id", "count", "rat", "bandwidth_mhz", "antennas", "numerology", "stack", "site", "sites", "comp_cluster_size", "fronthaul_km", "priority", "hot_standby"];

    /// <summary>Salt of the fronthaul distance draws (any constant distinct from the traffic salts).</summary>
    private const ulong FronthaulSalt = 0xF0;

    /// <summary>Default fronthaul: 10 km, mid-range of C-RAN deployments (5 µs/km: 50 µs of a ~100-250 µs budget).</summary>
    private const double DefaultFronthaulKm = 10;

    /// <summary>Longest fronthaul accepted: 40 km is 200 µs of fibre alone, beyond every RAT's budget but legacy ones.</summary>
    private const double MaxFronthaulKm = 40;

    private readonly HashSet<string> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _cellsBySite = new(StringComparer.Ordinal);

    private void ParseCells(YamlSequenceNode? list)
    {
        foreach (var (node, path) in Items(list, "cells"))
        {
            ParseCellGroup(node, path);
        }

        if (list is not null && list.Children.Count == 0)
        {
            _d.Error(list, "cells: list at least one cell group");
        }
    }

    private void ParseCellGroup(YamlNode node, string path)
    {
        var m = new MappingReader(node, path, _d, CellGroupKeys);
        if (!m.IsMapping)
        {
            return;
        }

        var errorsBefore = _d.Errors.Count;
        var id = m.String("id", required: true);
        var count = m.Integer("count", 1, 1_000_000) ?? 1;
        var rat = m.Choice("rat", Names.Rats, required: true);
        var bandwidth = m.Number("bandwidth_mhz", 0, 400, required: true, minExclusive: true);
        // 2T2R is the common LTE macro; massive MIMO tops out at 64 antennas.
        var antennas = m.Integer("antennas", 1, 64) ?? 2;
        // NR mid-band (3.5 GHz TDD) uses 30 kHz SCS, µ = 1.
        var numerology = m.Integer("numerology", 0, 3) ?? (rat == Rat.Nr ? 1 : 0);
        var stackId = m.String("stack", required: true);
        var sites = ParseSites(m, path, id, count);
        var clusterSize = m.Integer("comp_cluster_size", 1, 64);
        var (fhMin, fhMax) = ParseFronthaul(m, path);
        var priority = m.Integer("priority", 0, 9) ?? 5;
        var hotStandby = m.Bool("hot_standby") ?? false;

        var prbs = 0;
        if (rat is { } r && bandwidth is { } bw)
        {
            if (!RadioTables.IsValidNumerology(r, numerology))
            {
                _d.Error(m.Get("numerology")!, $"{path}.numerology: {numerology} is not valid for {r.ToString().ToLowerInvariant()} (NR: 0..3, other RATs: 0)");
            }
            else
            {
                prbs = RadioTables.ResourceUnits(r, bw, numerology);
                if (prbs <= 0)
                {
                    _d.Error(m.Get("bandwidth_mhz")!, $"{path}.bandwidth_mhz: {bw.ToString(CultureInfo.InvariantCulture)} MHz is not a 3GPP channel for {Describe(r, numerology)}{Allowed(r, numerology)}");
                }
            }
        }

        if (stackId is not null && rat is { } rr)
        {
            if (!_stacks.TryGetValue(stackId, out var stack))
            {
                if (_brokenStacks.Contains(stackId))
                {
                    _brokenCellGroups.Add(id ?? string.Empty);
                    return;
                }

                var hint = KeySuggester.Closest(stackId, _stacks.Keys) is { } s ? $"; did you mean '{s}'?" : string.Empty;
                _d.Error(m.Get("stack")!, $"{path}.stack: unknown stack '{stackId}'{hint} (defined: {string.Join(", ", _stacks.Keys)})");
            }
            else if (stack.Rat != rr)
            {
                _d.Error(m.Get("stack")!, $"{path}.stack: stack '{stackId}' implements {stack.Rat.ToString().ToLowerInvariant()}, but the cells are {rr.ToString().ToLowerInvariant()}");
            }
        }

        if (id is not null && _cellGroups.TryGetValue(id, out var firstGroup))
        {
            _d.Error(m.Get("id")!, $"{path}.id: duplicate cell group id '{id}' (first defined at line {firstGroup.Node.Start.Line})");
            return;
        }

        if (_d.Errors.Count > errorsBefore || id is null || rat is null || bandwidth is null || stackId is null || sites is null)
        {
            if (id is not null)
            {
                _brokenCellGroups.Add(id);
            }

            return;
        }

        var idNode = m.Get("id")!;
        var start = _cells.Count;
        var perSite = new Dictionary<string, int>(StringComparer.Ordinal);
        string? clusterName = null;
        for (var i = 0; i < count; i++)
        {
            var cellId = ExpandId(id, i, count);
            if (_cellIds.TryGetValue(cellId, out var first))
            {
                _d.Error(idNode, $"{path}.id: duplicate cell id '{cellId}' (first defined at line {first.Start.Line})");
                return;
            }

            _cellIds[cellId] = idNode;
            // Contiguous blocks per site (not round robin), so consecutive cells share a site and a
            // CoMP cluster is a run of neighbours, as sectors of one mast are.
            var site = sites[(int)((long)i * sites.Count / count)];
            var ordinal = perSite.TryGetValue(site, out var o) ? o : 0;
            perSite[site] = ordinal + 1;
            // A cluster is named after its first cell: comp-biz-lte-01 holds biz-lte-01..03.
            if (clusterSize is { } k && ordinal % k == 0)
            {
                clusterName = $"comp-{cellId}";
            }

            var cluster = clusterSize is null ? null : clusterName;
            var index = _cells.Count;
            var km = fhMin + ((fhMax - fhMin) * NoiseHash.Unit(_seed, FronthaulSalt, index, 0));
            km = Math.Round(km, 2);
            _cells.Add(new CellSpec(cellId, rat.Value, bandwidth.Value, prbs, antennas, numerology, stackId, site, cluster, km, priority, hotStandby));
            _sites.Add(site);
            if (!_cellsBySite.TryGetValue(site, out var atSite))
            {
                atSite = [];
                _cellsBySite[site] = atSite;
            }

            atSite.Add(index);
        }

        _cellGroups[id] = (start, count, idNode);
    }

    private List<string>? ParseSites(MappingReader m, string path, string? id, int count)
    {
        var site = m.String("site");
        var sitesNode = m.Get("sites");
        if (site is not null && sitesNode is not null)
        {
            _d.Error(sitesNode, $"{path}: give either 'site' (one site) or 'sites' (a count or a list), not both");
            return null;
        }

        if (sitesNode is null)
        {
            return [site ?? id ?? "site"];
        }

        if (sitesNode is YamlSequenceNode seq)
        {
            var names = new List<string>();
            foreach (var item in seq.Children)
            {
                if (item is YamlScalarNode { Value: { Length: > 0 } v })
                {
                    names.Add(v);
                }
                else
                {
                    _d.Error(item, $"{path}.sites: expected a site name, got {MappingReader.Describe(item)}");
                }
            }

            if (seq.Children.Count == 0)
            {
                _d.Error(seq, $"{path}.sites: list at least one site");
            }

            if (names.Count > count)
            {
                _d.Error(seq, $"{path}.sites: {names.Count} sites for {count} cells leaves sites without a cell");
            }

            return names.Count == seq.Children.Count && names.Count > 0 ? names : null;
        }

        if (m.IntegerOf(sitesNode, $"{path}.sites", 1, Math.Max(1, count)) is not { } n)
        {
            return null;
        }

        // A count names the sites after the group: <id>-s01..NN.
        var width = Math.Max(2, n.ToString(CultureInfo.InvariantCulture).Length);
        return [.. Enumerable.Range(1, n).Select(k => $"{id}-s{k.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}")];
    }

    private (double Min, double Max) ParseFronthaul(MappingReader m, string path)
    {
        var node = m.Get("fronthaul_km");
        if (node is null)
        {
            return (DefaultFronthaulKm, DefaultFronthaulKm);
        }

        var what = $"{path}.fronthaul_km";
        if (node is YamlScalarNode { Value: { } text } && text.Contains("..", StringComparison.Ordinal))
        {
            var parts = text.Split("..");
            if (parts.Length == 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi))
            {
                if (lo < 0 || hi > MaxFronthaulKm || lo > hi)
                {
                    _d.Error(node, $"{what}: range {text} must satisfy 0 <= min <= max <= {MaxFronthaulKm}");
                    return (DefaultFronthaulKm, DefaultFronthaulKm);
                }

                return (lo, hi);
            }

            _d.Error(node, $"{what}: expected a distance or a range such as 5..15, got '{text}'");
            return (DefaultFronthaulKm, DefaultFronthaulKm);
        }

        var km = m.NumberOf(node, what, 0, MaxFronthaulKm) ?? DefaultFronthaulKm;
        return (km, km);
    }

    private static string Describe(Rat rat, int numerology) =>
        rat == Rat.Nr ? $"nr at numerology {numerology}" : rat.ToString().ToLowerInvariant();

    private static string Allowed(Rat rat, int numerology)
    {
        double[] candidates = rat switch
        {
            Rat.Lte => [1.4, 3, 5, 10, 15, 20],
            Rat.Nr => [5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 200, 400],
            Rat.Umts => [5, 10, 15, 20],
            _ => [],
        };
        var ok = candidates.Where(b => RadioTables.ResourceUnits(rat, b, numerology) > 0)
            .Select(b => b.ToString(CultureInfo.InvariantCulture)).ToList();
        return ok.Count == 0 ? string.Empty : $" (allowed: {string.Join(", ", ok)})";
    }
}
