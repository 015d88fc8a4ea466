namespace BbuPool.Scenarios.Tests;

public sealed class ValidationTests
{
    [Fact]
    public void Minimal_scenario_is_valid()
    {
        var result = Yaml.Load(Yaml.Minimal);

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        Assert.Equal(["n-01", "n-02"], result.Scenario!.Nodes.Select(n => n.Id));
        Assert.Equal(["c-01", "c-02", "c-03"], result.Scenario.Cells.Select(c => c.Id));
        Assert.Equal(100, result.Scenario.Cells[0].Prbs);
    }

    [Fact]
    public void Error_prints_as_file_line_col_message()
    {
        Assert.Equal("a.yaml:3:7: boom", new ScenarioError("a.yaml", 3, 7, "boom").ToString());
    }

    [Fact]
    public void Unknown_key_is_reported_at_the_key_with_a_suggestion()
    {
        var e = Yaml.SingleError(Yaml.Replace("    count: 3\n", "    cuont: 3\n"));

        Assert.Equal("t.yaml:15:5: unknown key 'cuont' in cells[0]; did you mean 'count'? (allowed: id, count, rat, bandwidth_mhz, antennas, numerology, stack, site, sites, comp_cluster_size, fronthaul_km, priority, hot_standby)", e.ToString());
    }

    [Fact]
    public void Unknown_top_level_key_lists_the_allowed_ones()
    {
        var e = Yaml.SingleError(Yaml.Minimal + "\npolcy: {}\n");

        Assert.Equal(("t.yaml", 23, 1), (e.File, e.Line, e.Column));
        Assert.Contains("did you mean 'policy'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_is_reported_at_the_value()
    {
        var e = Yaml.SingleError(Yaml.Replace("cores: 32", "cores: many"));

        Assert.Equal(("t.yaml", 12, 12), (e.File, e.Line, e.Column));
        Assert.Equal("pool[0].cores: expected an integer, got 'many'", e.Message);
    }

    [Fact]
    public void A_list_where_a_mapping_belongs_is_a_wrong_type()
    {
        var e = Yaml.SingleError(Yaml.Minimal + "\npolicy: [1, 2]\n");

        Assert.Equal((23, 9), (e.Line, e.Column));
        Assert.Contains("policy: expected a mapping", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_utilisation_is_reported()
    {
        var e = Yaml.SingleError(Yaml.Replace("utilisation: 0.5", "utilisation: 1.5"));

        Assert.Equal(("t.yaml", 22, 18), (e.File, e.Line, e.Column));
        Assert.Contains("1.5 is out of range; must be in [0, 1]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bandwidth_mhz: 20", "bandwidth_mhz: 7", 17, "7 MHz is not a 3GPP channel for lte (allowed: 1.4, 3, 5, 10, 15, 20)")]
    [InlineData("cores: 32", "cores: 32\n    os_cores: 32", 13, "leaves no core for stacks")]
    [InlineData("cores: 32", "cores: 30\n    numa: 4", 13, "30 cores do not split evenly over 4 NUMA nodes")]
    [InlineData("cores: 32", "cores: 32\n    idle_watts: 500\n    peak_watts: 400", 13, "500 W idle is more than 400 W peak")]
    [InlineData("step: 60", "step: 2h", 3, "step: 7200s is out of range")]
    [InlineData("step: 60", "step: 0", 3, "must be in (0s, 3600s]")]
    [InlineData("count: 2", "count: -1", 10, "pool[0].count: -1 is out of range")]
    [InlineData("utilisation: 0.5", "utilisation: 0.5\nevents:\n  - at: 2h\n    type: node_failure\n    node: n-01", 24, "events[0] (node_failure).at: 7200s is out of range; must be in [0s, 3600s]")]
    [InlineData("utilisation: 0.5", "utilisation: 0.5\n    mcs: 29", 23, "mcs: 29 is out of range; must be in [0, 28]")]
    public void Out_of_range_values_are_reported(string from, string to, int line, string fragment)
    {
        var e = Yaml.SingleError(Yaml.Replace(from, to));

        Assert.Equal(line, e.Line);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_stack_reference_is_reported_with_a_suggestion()
    {
        var e = Yaml.SingleError(Yaml.Replace("stack: s", "stack: ss"));

        Assert.Equal(("t.yaml", 18, 12), (e.File, e.Line, e.Column));
        Assert.Equal("cells[0].stack: unknown stack 'ss'; did you mean 's'? (defined: s)", e.Message);
    }

    [Theory]
    [InlineData("\nevents:\n  - at: 10m\n    type: node_failure\n    node: n-03\n", 26, 11, "unknown node 'n-03'; did you mean 'n-01'?")]
    [InlineData("\n  - profile: flash_crowd\n    site: stadium\n    at: 10m\n    duration: 20m\n    multiplier: 3\n", 24, 11, "no cell is at site 'stadium'")]
    public void Dangling_references_are_reported(string append, int line, int column, string fragment)
    {
        var e = Yaml.SingleError(Yaml.Minimal + append);

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Traffic_naming_an_unknown_cell_group_is_a_dangling_reference()
    {
        var e = Yaml.SingleError(Yaml.Replace("- cells: c\n", "- cells: [c, d]\n"));

        Assert.Equal((20, 16), (e.Line, e.Column));
        Assert.Contains("unknown cell group 'd'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_arch_missing_from_the_pool_is_only_a_warning()
    {
        var result = Yaml.Load(Yaml.Replace("rat: lte\npool:", "rat: lte\n    archs: [x86_64, aarch64]\npool:"));

        Assert.True(result.Succeeded);
        var w = Assert.Single(result.Warnings);
        Assert.Equal((5, 9), (w.Line, w.Column));
        Assert.Contains("no node of that arch", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_cell_group_id_is_reported_at_the_second()
    {
        var text = Yaml.Replace("traffic:\n", "  - id: c\n    rat: lte\n    bandwidth_mhz: 10\n    stack: s\ntraffic:\n");
        var e = Yaml.SingleError(text);

        Assert.Equal((19, 9), (e.Line, e.Column));
        Assert.Equal("cells[1].id: duplicate cell group id 'c' (first defined at line 14)", e.Message);
    }

    [Fact]
    public void Duplicate_node_id_from_expansion_is_reported()
    {
        var text = Yaml.Replace("cells:\n", "  - id: n-01\n    arch: aarch64\n    cores: 16\ncells:\n");
        var result = Yaml.Load(text);

        // "n-01" expands to n-01-01: no clash. A group named "n" again clashes on n-01.
        Assert.True(result.Succeeded);
        var e = Yaml.SingleError(Yaml.Replace("cells:\n", "  - id: n\n    arch: aarch64\n    cores: 16\ncells:\n"));
        Assert.Equal((13, 9), (e.Line, e.Column));
        Assert.Contains("duplicate node id 'n-01'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_yaml_key_is_reported()
    {
        var e = Yaml.SingleError(Yaml.Replace("cores: 32", "cores: 32\n    cores: 16"));

        Assert.Equal(13, e.Line);
        Assert.Contains("uplicate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_error_is_reported_at_its_mark()
    {
        // The unclosed list runs to the end of the text: the parser notices there (line 23, col 1).
        var e = Yaml.SingleError(Yaml.Replace("utilisation: 0.5", "utilisation: [0.5"));

        Assert.Equal("t.yaml:23:1: YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'.", e.ToString());
    }

    [Fact]
    public void Several_errors_are_all_reported_in_file_order()
    {
        var text = Yaml.Minimal
            .Replace("step: 60", "step: soon", StringComparison.Ordinal)
            .Replace("cores: 32", "cores: 32\n    colour: red", StringComparison.Ordinal)
            .Replace("bandwidth_mhz: 20", "bandwidth_mhz: 7", StringComparison.Ordinal)
            .Replace("utilisation: 0.5", "utilisation: -1", StringComparison.Ordinal);
        var result = Yaml.Load(text);

        Assert.Null(result.Scenario);
        Assert.Equal([3, 13, 18, 23], result.Errors.Select(e => e.Line));
        Assert.Contains("expected a duration", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'colour'", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("not a 3GPP channel", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("out of range", result.Errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_key_is_reported_at_its_mapping()
    {
        var e = Yaml.SingleError(Yaml.Replace("    cores: 32\n", string.Empty));

        Assert.Equal((9, 5), (e.Line, e.Column));
        Assert.Equal("pool[0]: missing required key 'cores'", e.Message);
    }

    [Fact]
    public void Unreadable_scenario_file_is_an_error_not_an_exception()
    {
        var result = ScenarioLoader.Load("/nonexistent/x.yaml");

        var e = Assert.Single(result.Errors);
        Assert.Equal(("/nonexistent/x.yaml", 1, 1), (e.File, e.Line, e.Column));
        Assert.Contains("cannot read scenario file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_too_big_for_any_numa_node_is_an_error()
    {
        // 100 MHz 4T4R NR at µ=1 needs ~3 cores idle; 4-core nodes with 2 NUMA nodes offer 2.
        var text = Yaml.Minimal
            .Replace("rat: lte\npool:", "rat: nr\npool:", StringComparison.Ordinal)
            .Replace("cores: 32", "cores: 4\n    os_cores: 0\n    numa: 2", StringComparison.Ordinal)
            .Replace("rat: lte\n    bandwidth_mhz: 20", "rat: nr\n    bandwidth_mhz: 100\n    antennas: 4", StringComparison.Ordinal);
        var e = Yaml.SingleError(text);

        Assert.Equal((16, 9), (e.Line, e.Column));
        Assert.Contains("could never be placed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repair_of_a_node_that_never_failed_is_a_warning()
    {
        var result = Yaml.Load(Yaml.Minimal + "\nevents:\n  - at: 10m\n    type: node_repair\n    node: n-01\n");

        Assert.True(result.Succeeded);
        var w = Assert.Single(result.Warnings);
        Assert.Equal((24, 5), (w.Line, w.Column));
        Assert.Contains("has not failed", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_accept_units_clock_times_and_seconds()
    {
        var text = Yaml.Replace("duration: 1h", "duration: 1d").Replace("step: 60", "step: 1h30m", StringComparison.Ordinal)
            + "\nevents:\n  - at: 07:30\n    type: node_failure\n    node: n-02\n";
        var s = Yaml.Load(text).Scenario!;

        Assert.Equal(86_400, s.DurationSeconds);
        Assert.Equal(5_400, s.StepSeconds);
        Assert.Equal(27_000, s.Events.Single().AtSeconds);
    }

    [Fact]
    public void Bad_indentation_is_a_syntax_error_at_the_offending_line()
    {
        var e = Yaml.SingleError(Yaml.Replace("    rat: lte\n    bandwidth_mhz", "    rat: lte\n   bandwidth_mhz"));

        Assert.Equal(17, e.Line);
        Assert.StartsWith("YAML syntax error: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    rat: lte\npool:", "    rat: lte\n  - id: s\n    vendor: w\n    rat: lte\npool:", 8, 9, "stacks[1].id: duplicate stack id 's' (first defined at line 5)")]
    [InlineData("    count: 2\n", "    count: 2\n    powered: maybe\n", 11, 14, "pool[0].powered: expected true or false, got 'maybe'")]
    [InlineData("    rat: lte\n    bandwidth_mhz: 20", "    rat: 5g\n    bandwidth_mhz: 20", 16, 10, "cells[0].rat: expected one of gsm, umts, lte, nr, got '5g'")]
    [InlineData("    profile: constant", "    profile: constnat", 21, 14, "did you mean 'constant'?")]
    [InlineData("    stack: s", "    stack: s\n    sites: [a, b, c, d]", 19, 12, "4 sites for 3 cells")]
    [InlineData("    stack: s", "    stack: s\n    fronthaul_km: 20..5", 19, 19, "range 20..5 must satisfy")]
    public void More_errors_are_located(string from, string to, int line, int column, string fragment)
    {
        var e = Yaml.SingleError(Yaml.Replace(from, to));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_cell_group_does_not_cascade_into_its_site_references()
    {
        var text = Yaml.Replace("    count: 3\n", "    count: 3\n    site: stadium\n    antennas: 0\n")
            + "\n  - profile: flash_crowd\n    site: stadium\n    at: 10m\n    duration: 20m\n    multiplier: 3\n";
        var e = Yaml.SingleError(text);

        Assert.Contains("antennas: 0 is out of range", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    public void Empty_scenario_is_one_error_at_the_start(string text)
    {
        var e = Yaml.SingleError(text);

        Assert.Equal("t.yaml:1:1: the scenario is empty", e.ToString());
    }
}
