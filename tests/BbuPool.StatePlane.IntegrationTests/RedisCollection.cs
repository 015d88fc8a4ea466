namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>Tests sharing one redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
