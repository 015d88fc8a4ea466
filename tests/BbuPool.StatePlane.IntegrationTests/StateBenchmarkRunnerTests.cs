using BbuPool.StatePlane.Benchmarking;
using BbuPool.StatePlane.Redis;
using Xunit.Abstractions;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>The benchmark runs end to end and leaves nothing behind (its figures are printed, never asserted).</summary>
[Collection(RedisCollection.Name)]
public sealed class StateBenchmarkRunnerTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task QuickRun_ProducesEveryFigure_AndDeletesItsKeys()
    {
        var r = await StateBenchmarkRunner.RunAsync(redis.Server.EndPoint, quick: true);
        output.WriteLine(r.ToString());

        Assert.True(r.PlacementUpdatesPerSecond > 0);
        Assert.True(r.BatchedUpdatesPerSecond > 0);
        Assert.True(r.RawSetPerSecond > 0);
        Assert.True(r.CasP99Microseconds >= r.CasP50Microseconds);
        Assert.True(r.SetP99Microseconds >= r.SetP50Microseconds);
        Assert.True(r.EmbeddedUpdatesPerSecond > 0);
        Assert.True(r.ServerCpuMicrosecondsPerUpdate >= 0);
        await using var raw = await redis.ConnectRawAsync();
        Assert.Empty(await ServerKeys.ListAsync(raw.Connection.GetServer(redis.Server.EndPoint), "*bench-*", pageSize: 1_000));
    }
}
