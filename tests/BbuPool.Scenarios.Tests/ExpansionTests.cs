namespace BbuPool.Scenarios.Tests;

public sealed class ExpansionTests
{
    private static Scenario Load(string text)
    {
        var result = Yaml.Load(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    [Fact]
    public void Cells_spread_over_sites_in_blocks_and_cluster_per_site()
    {
        var s = Load(Yaml.Replace("    count: 3\n", "    count: 7\n    sites: 2\n    comp_cluster_size: 2\n    fronthaul_km: 5..15\n"));

        Assert.Equal(["c-s01", "c-s01", "c-s01", "c-s01", "c-s02", "c-s02", "c-s02"], s.Cells.Select(c => c.Site));
        Assert.Equal(["comp-c-01", "comp-c-01", "comp-c-03", "comp-c-03", "comp-c-05", "comp-c-05", "comp-c-07"], s.Cells.Select(c => c.CompCluster));
        Assert.All(s.Cells, c => Assert.InRange(c.FronthaulKm, 5, 15));
        Assert.True(s.Cells.Select(c => c.FronthaulKm).Distinct().Count() > 1);
    }

    [Fact]
    public void Fronthaul_draws_depend_on_the_file_seed_only()
    {
        var text = Yaml.Replace("    count: 3\n", "    count: 3\n    fronthaul_km: 5..15\n");

        Assert.Equal(Load(text).Cells, Load(text).Cells);
        Assert.NotEqual(Load(text).Cells, Load(text + "\nseed: 99\n").Cells);
    }

    [Fact]
    public void Site_list_names_the_sites_and_defaults_apply()
    {
        var s = Load(Yaml.Replace("    count: 3\n", "    count: 3\n    sites: [north, south]\n"));

        Assert.Equal(["north", "north", "south"], s.Cells.Select(c => c.Site));
        Assert.All(s.Cells, c => Assert.Equal((2, 0, 10.0, 5, false), (c.Antennas, c.Numerology, c.FronthaulKm, c.Priority, c.HotStandby)));
        var n = s.Nodes[0];
        Assert.Equal((2, 3.0, 1, "hub"), (n.OsReservedCores, n.ClockGhz, n.NumaNodes, n.Site));
        Assert.Equal(["n-01", "n-02"], s.InitiallyPowered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Policy_and_cost_model_overrides_are_read()
    {
        var s = Load(Yaml.Minimal + """

            policy:
              headroom: 0.3
              consolidation: {enabled: false, low_utilisation: 0.2, high_utilisation: 0.8, window: 5m, spare_nodes: 2}
              rebalance_period: 5m
              migration_method: hotstandby
              cooldown: 0
              downtime_budget_ms: 5
              load_smoothing: 1
              comp_max_internode_us: 15
              fronthaul_switch_us: 5
              plugins:
                energy: {enabled: false, weight: 3}
            cost_model:
              aarch64_factor: 1.1
              nr_factor: 0.6
            """);

        var p = s.Policy;
        Assert.Equal((0.3, false, 0.2, 0.8, 300.0, 2), (p.Headroom, p.Consolidation.Enabled, p.Consolidation.LowUtilisation, p.Consolidation.HighUtilisation, p.Consolidation.WindowSeconds, p.Consolidation.SpareNodes));
        Assert.Equal((300.0, BbuPool.Core.Migration.MigrationMethod.HotStandby, 0.0, 5.0, 1.0, 15.0, 5.0), (p.RebalancePeriodSeconds, p.MigrationMethod, p.CooldownSeconds, p.DowntimeBudgetMs, p.LoadSmoothing, p.CompMaxInterNodeMicros, p.FronthaulSwitchMicros));
        Assert.Equal(new BbuPool.Core.Policy.PluginSetting(false, 3), p.Plugins["energy"]);
        Assert.Equal((1.1, 0.6), (s.CostModel.Aarch64Factor, s.CostModel.NrFactor));
    }

    [Fact]
    public void Unknown_cost_model_key_suggests_the_option()
    {
        var e = Yaml.SingleError(Yaml.Minimal + "\ncost_model:\n  arm_factor: 1.1\n");

        Assert.Equal((24, 3), (e.Line, e.Column));
        Assert.Contains("did you mean 'nr_factor'?", e.Message, StringComparison.Ordinal);
    }


    private const string Templated = """
        duration: 1h
        templates:
          macro: &macro
            rat: lte
            bandwidth_mhz: 20
            antennas: 2
            stack: s
        stacks:
          - id: s
            vendor: v
            rat: lte
        pool:
          - id: n
            arch: x86_64
            cores: 32
        cells:
          - id: a
            <<: *macro
            count: 2
          - id: b
            <<: *macro
            antennas: 4
        """;

    [Fact]
    public void Merge_keys_apply_templates_and_explicit_keys_win()
    {
        var s = Load(Templated);

        Assert.Equal([2, 2, 4], s.Cells.Select(c => c.Antennas));
        Assert.All(s.Cells, c => Assert.Equal((BbuPool.Core.Model.Rat.Lte, 100, "s"), (c.Rat, c.Prbs, c.StackId)));
    }

    [Fact]
    public void Unknown_key_in_a_template_is_reported_where_the_template_says_it()
    {
        var result = Yaml.Load(Templated.Replace("    antennas: 2\n", "    antenas: 2\n", StringComparison.Ordinal));

        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.Equal((6, 5), (e.Line, e.Column)));
        Assert.Contains("did you mean 'antennas'?", result.Errors[0].Message, StringComparison.Ordinal);
    }
}
