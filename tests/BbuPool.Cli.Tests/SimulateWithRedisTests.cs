using BbuPool.Testing.StatePlane;

namespace BbuPool.Cli.Tests;

/// <summary>`simulate --redis` against a real redis-server gives the embedded default's report.</summary>
[Collection(CliCollection.Name)]
public class SimulateWithRedisTests
{
    [Fact]
    public async Task Redis_StatePlane_GivesTheSameReport_AsEmbedded()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var scenario = Path.Combine(RepoPaths.Scenarios, "node-failure.yaml");
        var embedded = await RunAsync(scenario);

        // Hundreds of calls, each failing the run past its timeout: 2 s by default, which a stalled
        // CI machine can reach; the configuration raises it as an operator would.
        using var timeout = new EnvironmentVariableScope("BBUPOOL_StatePlane__OperationTimeout", "00:00:30");
        var withRedis = await RunAsync(scenario, "--redis", redis.EndPoint);
        Assert.Equal(embedded.Report, withRedis.Report);
        Assert.Contains("placements read back and verified", withRedis.Output);

        // A second run into the same key prefix would mix two pools: refused with exit 2, nothing written.
        var again = await CliRunner.RunAsync("simulate", scenario, "--redis", redis.EndPoint);
        Assert.Equal(2, again.Exit);
        Assert.Contains("already holds placements", again.Error);
    }

    [Fact]
    public async Task UnreachableRedis_IsAClearError()
    {
        var (exit, _, error) = await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Scenarios, "tidal-day.yaml"), "--redis", "127.0.0.1:1");
        Assert.Equal(2, exit);
        Assert.Contains("127.0.0.1:1", error);
    }

    private static async Task<(string Report, string Output)> RunAsync(string scenario, params string[] extra)
    {
        var dir = Directory.CreateTempSubdirectory("bbupool-redis-");
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync(["simulate", scenario, "--out", dir.FullName, .. extra]);
            Assert.True(exit == 0, $"exit {exit}: {error}");
            var lines = await File.ReadAllLinesAsync(Path.Combine(dir.FullName, "report.json"));
            return (string.Join('\n', lines.Where(l => !l.Contains("wall_seconds", StringComparison.Ordinal))), output);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
