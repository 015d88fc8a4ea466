using BbuPool.Core.Model;
using BbuPool.Core.Traffic;

namespace BbuPool.Scenarios.Tests;

public sealed class TrafficTests
{
    private const string TwoTides = """
        name: tides
        duration: 24h
        step: 60
        stacks:
          - id: s
            vendor: v
            rat: lte
        pool:
          - id: n
            arch: x86_64
            cores: 32
        cells:
          - id: biz
            count: 20
            rat: lte
            bandwidth_mhz: 20
            stack: s
          - id: res
            count: 20
            rat: lte
            bandwidth_mhz: 20
            stack: s
            site: stadium
        traffic:
          - cells: biz
            profile: tidal
            kind: business
            noise: 0.05
          - cells: res
            profile: tidal
            kind: residential
            noise: 0.05
        """;

    private static Scenario Load(string text)
    {
        var result = Yaml.Load(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    private static LoadSample[] At(ITrafficSource source, double t)
    {
        var loads = new LoadSample[source.CellCount];
        source.Sample(t, loads);
        return loads;
    }

    private static double Mean(LoadSample[] loads, int from, int count) =>
        loads.Skip(from).Take(count).Average(l => l.PrbUtilisation);

    [Fact]
    public void Same_seed_gives_same_samples_and_another_seed_different_ones()
    {
        var s = Load(TwoTides);
        var a = s.CreateTraffic(7);
        var b = s.CreateTraffic(7);
        var c = s.CreateTraffic(8);

        for (var t = 0.0; t < 86_400; t += 3_600)
        {
            Assert.Equal(At(a, t), At(b, t));
        }

        Assert.NotEqual(At(s.CreateTraffic(7), 40_000), At(c, 40_000));
    }

    [Fact]
    public void Samples_do_not_depend_on_the_step_size()
    {
        var s = Load(TwoTides);
        var fine = s.CreateTraffic(3);
        for (var t = 0.0; t < 5_000; t += 1)
        {
            At(fine, t);
        }

        Assert.Equal(At(s.CreateTraffic(3), 5_000), At(fine, 5_000));
    }

    [Fact]
    public void Business_peaks_in_office_hours_and_residential_in_the_evening()
    {
        var source = Load(TwoTides).CreateTraffic(1);
        var night = At(source, 3 * 3600);
        var noon = At(source, 12 * 3600);
        var evening = At(source, 21 * 3600);

        Assert.True(Mean(noon, 0, 20) > Mean(night, 0, 20) + 0.4);
        Assert.True(Mean(noon, 0, 20) > Mean(evening, 0, 20) + 0.4);
        Assert.True(Mean(evening, 20, 20) > Mean(noon, 20, 20) + 0.4);
        Assert.True(Mean(evening, 20, 20) > Mean(night, 20, 20) + 0.4);
    }

    [Fact]
    public void Mcs_falls_and_active_ues_grow_with_utilisation()
    {
        var source = Load(TwoTides).CreateTraffic(1);
        var night = At(source, 3 * 3600)[0];
        var noon = At(source, 12 * 3600)[0];

        Assert.True(noon.Mcs < night.Mcs);
        Assert.True(noon.ActiveUes > night.ActiveUes);
        Assert.Equal(100 * noon.PrbUtilisation, noon.ActiveUes, 9);
    }

    [Fact]
    public void Sample_does_not_allocate()
    {
        var text = TwoTides + """

              - profile: flash_crowd
                site: stadium
                at: 1h
                duration: 2h
                multiplier: 3
            """;
        var source = Load(text).CreateTraffic(1);
        var loads = new LoadSample[source.CellCount];
        source.Sample(0, loads);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 1.0; t < 10_000; t += 1)
        {
            source.Sample(t, loads);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Flash_crowd_multiplies_the_site_during_its_window_only()
    {
        var text = TwoTides.Replace("kind: residential\n    noise: 0.05", "kind: residential\n    noise: 0", StringComparison.Ordinal) + """

              - profile: flash_crowd
                site: stadium
                at: 2h
                duration: 2h
                multiplier: 3
                ramp: 10m
            """;
        var withCrowd = Load(text).CreateTraffic(1);
        var without = Load(TwoTides.Replace("kind: residential\n    noise: 0.05", "kind: residential\n    noise: 0", StringComparison.Ordinal)).CreateTraffic(1);

        var inside = At(withCrowd, 3 * 3600);
        var plain = At(without, 3 * 3600);
        Assert.Equal(Math.Min(1, 3 * plain[25].PrbUtilisation), inside[25].PrbUtilisation, 9);
        Assert.Equal(3 * plain[25].ActiveUes, inside[25].ActiveUes, 9);
        Assert.Equal(plain[5], inside[5]);
        Assert.Equal(At(without, 5 * 3600), At(withCrowd, 5 * 3600));
    }

    [Fact]
    public void Ramp_and_constant_profiles_follow_their_levels()
    {
        var text = Yaml.Replace("    profile: constant\n    utilisation: 0.5", "    profile: ramp\n    from: 0.2\n    to: 0.6\n    start: 10m\n    end: 50m\n    mcs: 20");
        var source = Load(text).CreateTraffic(1);

        Assert.Equal(0.2, At(source, 0)[0].PrbUtilisation, 9);
        Assert.Equal(0.4, At(source, 30 * 60)[1].PrbUtilisation, 9);
        Assert.Equal(0.6, At(source, 3_600)[2].PrbUtilisation, 9);
        Assert.Equal(20, At(source, 3_600)[2].Mcs, 9);
        Assert.Equal(0.5, At(Load(Yaml.Minimal).CreateTraffic(1), 100)[0].PrbUtilisation, 9);
    }
}
