using BbuPool.StatePlane.Tests.Contract;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>The contract against a real redis-server; time-to-lives run on Redis' own clock, so "advance" is a real wait.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisContractTests(RedisServerFixture redis) : StatePlaneContract
{
    protected override async Task<IStatePlane> CreateStoreAsync(Action<StatePlaneOptions>? configure = null) =>
        await StatePlaneFactory.CreateAsync(redis.Options(configure));

    protected override Task AdvanceAsync(TimeSpan time) => Task.Delay(time);
}
