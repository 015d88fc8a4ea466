using System.Text.Json;

namespace BbuPool.Cli.Tests;

/// <summary>`bbupool simulate` on every shipped scenario: the report's invariants and determinism.</summary>
[Collection(CliCollection.Name)]
public class SimulateEndToEndTests
{
    public static TheoryData<string> ShippedScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Scenarios, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public async Task ShippedScenario_HoldsInvariants_AndSameSeedGivesSameReport(string file)
    {
        var path = Path.Combine(RepoPaths.Scenarios, file);
        var first = await SimulateAsync(path, seed: 11);
        var second = await SimulateAsync(path, seed: 11);

        Assert.Equal(0, first.GetProperty("constraint_violations").GetInt32());
        Assert.True(first.GetProperty("server_hours").GetDouble() >= first.GetProperty("lower_bound_server_hours").GetDouble() - 1e-6);
        Assert.True(first.GetProperty("lower_bound_server_hours").GetDouble() > 0);
        Assert.True(first.GetProperty("peak_provisioned_server_hours").GetDouble() >= first.GetProperty("lower_bound_server_hours").GetDouble() - 1e-6);
        Assert.InRange(first.GetProperty("deadline_miss_rate").GetDouble(), 0, 1);
        Assert.Equal(11UL, first.GetProperty("seed").GetUInt64());
        Assert.Equal(WithoutWall(first), WithoutWall(second));
    }

    [Fact]
    public async Task OtherSeed_GivesOtherReport()
    {
        var path = Path.Combine(RepoPaths.Scenarios, "tidal-day.yaml");
        var a = await SimulateAsync(path, seed: 1);
        var b = await SimulateAsync(path, seed: 2);
        Assert.NotEqual(WithoutWall(a), WithoutWall(b));
    }

    [Fact]
    public async Task Simulate_WritesHtmlPlot()
    {
        var dir = Directory.CreateTempSubdirectory("bbupool-sim-");
        var (exit, _, error) = await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Scenarios, "node-failure.yaml"), "--out", dir.FullName);
        Assert.True(exit == 0, error);
        var html = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "report.html"));
        Assert.Contains("<svg", html);
        dir.Delete(true);
    }

    private static async Task<JsonElement> SimulateAsync(string path, ulong seed)
    {
        var dir = Directory.CreateTempSubdirectory("bbupool-sim-");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("simulate", path, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", dir.FullName);
            Assert.True(exit == 0, $"exit {exit}: {error}");
            using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir.FullName, "report.json")));
            return doc.RootElement.Clone();
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static string WithoutWall(JsonElement report)
    {
        var fields = report.EnumerateObject().Where(p => p.Name != "wall_seconds").Select(p => $"{p.Name}={p.Value.GetRawText()}");
        return string.Join('\n', fields);
    }
}
