using StackExchange.Redis;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>
/// The tests' key listing. SCAN has no async form in StackExchange.Redis 1.2.6, and a test that
/// awaited a Redis call may resume on the client's socket reader: a blocking SCAN there stops its
/// own reply from being read until the operation times out (docs/state-plane.md, Limits). The
/// blocking call runs on the thread pool instead.
/// </summary>
internal static class ServerKeys
{
    /// <summary>The keys of database <paramref name="database"/> (0 by default, as for <c>IServer.Keys</c>) that match <paramref name="pattern"/>.</summary>
    public static Task<RedisKey[]> ListAsync(IServer server, string pattern, int database = 0) =>
        Task.Run(() => server.Keys(database, pattern).ToArray());
}
