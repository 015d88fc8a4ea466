using BbuPool.Core.Policy;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>The `policy:` section: every field of <see cref="PoolPolicy"/>; absent fields keep its defaults.</summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] PolicyKeys =
    [
        "headroom", "consolidation", "rebalance_period", "migration_method", "cooldown", "downtime_budget_ms",
        "load_smoothing", "comp_max_internode_us", "fronthaul_switch_us", "plugins",
    ];

    private static readonly string[] ConsolidationKeys = ["enabled", "low_utilisation", "high_utilisation", "window", "spare_nodes"];

    private static readonly string[] PluginKeys = ["enabled", "weight"];

    private PoolPolicy ParsePolicy(YamlNode? node)
    {
        var defaults = new PoolPolicy();
        if (node is null)
        {
            return defaults;
        }

        var m = new MappingReader(node, "policy", _d, PolicyKeys);
        var consolidation = ParseConsolidation(m.Get("consolidation"), defaults.Consolidation);
        var plugins = ParsePlugins(m.Get("plugins"));
        return defaults with
        {
            // Above 100 % headroom a stack reserves twice its need: a typo for 0.x, not a policy.
            Headroom = m.Number("headroom", 0, 1) ?? defaults.Headroom,
            Consolidation = consolidation,
            RebalancePeriodSeconds = m.Duration("rebalance_period", 0, _duration, minExclusive: true) ?? defaults.RebalancePeriodSeconds,
            MigrationMethod = m.Choice("migration_method", Names.MigrationMethods) ?? defaults.MigrationMethod,
            CooldownSeconds = m.Duration("cooldown", 0, MaxDurationSeconds) ?? defaults.CooldownSeconds,
            DowntimeBudgetMs = m.Number("downtime_budget_ms", 0, 60_000) ?? defaults.DowntimeBudgetMs,
            LoadSmoothing = m.Number("load_smoothing", 0, 1, minExclusive: true) ?? defaults.LoadSmoothing,
            CompMaxInterNodeMicros = m.Number("comp_max_internode_us", 0, 10_000) ?? defaults.CompMaxInterNodeMicros,
            FronthaulSwitchMicros = m.Number("fronthaul_switch_us", 0, 10_000) ?? defaults.FronthaulSwitchMicros,
            Plugins = plugins,
        };
    }

    private ConsolidationPolicy ParseConsolidation(YamlNode? node, ConsolidationPolicy defaults)
    {
        if (node is null)
        {
            return defaults;
        }

        var m = new MappingReader(node, "policy.consolidation", _d, ConsolidationKeys);
        var low = m.Number("low_utilisation", 0, 1) ?? defaults.LowUtilisation;
        var high = m.Number("high_utilisation", 0, 1, minExclusive: true) ?? defaults.HighUtilisation;
        if (low >= high)
        {
            _d.Error(m.Get("low_utilisation") ?? m.Get("high_utilisation") ?? node,
                $"policy.consolidation.low_utilisation: {low} must be below high_utilisation ({high}), else nodes drain and wake in a loop");
        }

        return defaults with
        {
            Enabled = m.Bool("enabled") ?? defaults.Enabled,
            LowUtilisation = low,
            HighUtilisation = high,
            WindowSeconds = m.Duration("window", 0, MaxDurationSeconds) ?? defaults.WindowSeconds,
            SpareNodes = m.Integer("spare_nodes", 0, 10_000) ?? defaults.SpareNodes,
        };
    }

    private Dictionary<string, PluginSetting> ParsePlugins(YamlNode? node)
    {
        var result = new Dictionary<string, PluginSetting>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            _d.Error(node, $"policy.plugins: expected a mapping of plugin name to {{enabled, weight}}, got {MappingReader.Describe(node)}");
            return result;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value;
            if (string.IsNullOrEmpty(name))
            {
                _d.Error(keyNode, "policy.plugins: plugin names must be plain words");
                continue;
            }

            var m = new MappingReader(value, $"policy.plugins.{name}", _d, PluginKeys);
            var enabled = m.Bool("enabled") ?? true;
            var weight = m.Number("weight", 0, 1000) ?? 1;
            result[name] = new PluginSetting(enabled, weight);
        }

        return result;
    }
}
