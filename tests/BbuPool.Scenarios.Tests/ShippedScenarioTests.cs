using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Tests;

public sealed class ShippedScenarioTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Scenarios, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Shipped_scenario_loads_without_errors(string file)
    {
        var result = ScenarioLoader.Load(Path.Combine(RepoPaths.Scenarios, file));

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.True(result.Warnings.Count == 0, string.Join("\n", result.Warnings));
        var s = result.Scenario!;
        Assert.NotEmpty(s.Cells);
        Assert.NotEmpty(s.Nodes);
        var source = s.CreateTraffic(s.Seed);
        Assert.Equal(s.Cells.Count, source.CellCount);
        var loads = new LoadSample[s.Cells.Count];
        source.Sample(12 * 3600, loads);
        Assert.All(loads, l => Assert.InRange(l.PrbUtilisation, 0, 1));
        Assert.All(loads, l => Assert.InRange(l.Mcs, 0, 28));
    }

    [Fact]
    public void Tidal_day_meets_its_brief()
    {
        var s = ScenarioLoader.Load(Path.Combine(RepoPaths.Scenarios, "tidal-day.yaml")).Scenario!;

        Assert.True(s.Cells.Count >= 60);
        Assert.Equal(4, s.Cells.Select(c => c.Rat).Distinct().Count());
        Assert.True(s.Stacks.Values.Select(v => v.Vendor).Distinct().Count() >= 3);
        Assert.True(s.Nodes.Count >= 12);
        Assert.Equal(2, s.Nodes.Select(n => n.Arch).Distinct().Count());
        Assert.Equal(86_400, s.DurationSeconds);
        Assert.Equal(60, s.StepSeconds);
        Assert.Equal(300, s.Policy.RebalancePeriodSeconds);
    }

    [Fact]
    public void Metro_large_meets_its_brief()
    {
        var s = ScenarioLoader.Load(Path.Combine(RepoPaths.Scenarios, "metro-large.yaml")).Scenario!;

        Assert.True(s.Cells.Count >= 1_000);
        Assert.True(s.Nodes.Count >= 100);
        Assert.Equal(86_400, s.DurationSeconds);
        Assert.Equal(1, s.StepSeconds);
    }

    [Theory]
    [InlineData("node-failure.yaml", typeof(BbuPool.Core.Events.NodeFailureEvent))]
    [InlineData("node-failure.yaml", typeof(BbuPool.Core.Events.NodeRepairEvent))]
    [InlineData("node-failure.yaml", typeof(BbuPool.Core.Events.FronthaulDegradationEvent))]
    [InlineData("maintenance-drain.yaml", typeof(BbuPool.Core.Events.MaintenanceDrainEvent))]
    [InlineData("maintenance-drain.yaml", typeof(BbuPool.Core.Events.NodesAddedEvent))]
    public void Event_scenarios_carry_their_events(string file, Type eventType)
    {
        var s = ScenarioLoader.Load(Path.Combine(RepoPaths.Scenarios, file)).Scenario!;

        Assert.Contains(s.Events, e => e.GetType() == eventType);
        Assert.Equal(s.Events.OrderBy(e => e.AtSeconds), s.Events);
    }

    [Fact]
    public void Flash_crowd_spikes_the_stadium_in_the_evening()
    {
        var s = ScenarioLoader.Load(Path.Combine(RepoPaths.Scenarios, "flash-crowd.yaml")).Scenario!;
        var source = s.CreateTraffic(s.Seed);
        var loads = new LoadSample[source.CellCount];
        var stadium = s.Cells.Select((c, i) => (c, i)).Where(x => x.c.Site == "stadium").Select(x => x.i).ToList();

        source.Sample(15 * 3600, loads);
        var afternoon = stadium.Average(i => loads[i].PrbUtilisation);
        source.Sample(21 * 3600, loads);
        var match = stadium.Average(i => loads[i].PrbUtilisation);

        Assert.Equal(15, stadium.Count);
        Assert.True(match > 5 * afternoon, $"{match} vs {afternoon}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_sample_of_the_day_is_in_range_for_any_seed(string file)
    {
        var s = ScenarioLoader.Load(Path.Combine(RepoPaths.Scenarios, file)).Scenario!;
        foreach (var seed in new ulong[] { 0, s.Seed, ulong.MaxValue })
        {
            var source = s.CreateTraffic(seed);
            var loads = new LoadSample[s.Cells.Count];
            for (var t = 0.0; t <= s.DurationSeconds; t += 600)
            {
                source.Sample(t, loads);
                foreach (var l in loads)
                {
                    Assert.InRange(l.PrbUtilisation, 0, 1);
                    Assert.InRange(l.Mcs, 0, LoadSample.MaxMcs);
                    Assert.True(l.ActiveUes >= 0 && double.IsFinite(l.ActiveUes));
                }
            }
        }
    }
}
