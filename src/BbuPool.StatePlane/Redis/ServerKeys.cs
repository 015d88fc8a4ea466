using StackExchange.Redis;

namespace BbuPool.StatePlane.Redis;

/// <summary>
/// Lists keys with SCAN off the caller's thread. SCAN has no async form in StackExchange.Redis
/// 1.2.6, and code that awaited a raw Redis call may resume on the client's socket reader
/// (<see cref="ReaderSafeCompletion"/>): a blocking SCAN there stops its own reply from being
/// read until the operation times out, as one CI run saw (`in: 156`, unread reply bytes). The
/// blocking call runs on the thread pool instead.
/// </summary>
internal static class ServerKeys
{
    /// <summary>The keys of database <paramref name="database"/> that match <paramref name="pattern"/>, <paramref name="pageSize"/> keys per SCAN (defaults as for <c>IServer.Keys</c>).</summary>
    public static Task<RedisKey[]> ListAsync(IServer server, string pattern, int database = 0, int pageSize = 10) =>
        Task.Run(() => server.Keys(database, pattern, pageSize).ToArray());
}
