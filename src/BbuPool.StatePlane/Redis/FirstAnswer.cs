using System.Diagnostics;
using StackExchange.Redis;

namespace BbuPool.StatePlane.Redis;

/// <summary>
/// Waits after connecting until the server answers a command. Connected is not enough with
/// StackExchange.Redis 1.2.6: a server whose handshake replies come after the client's connect
/// wait is marked "did not respond", and every command to it is refused ("No connection is
/// available to service this operation") until a heartbeat clears the mark, up to a second later,
/// while <c>IsConnected</c> already says true. A CI run on a stalled machine failed its first
/// commit that way, two seconds after connecting.
/// </summary>
internal static class FirstAnswer
{
    // 1.2.6's heartbeat, which clears the mark, runs once a second: a PING every 50 ms sees the
    // server within a twentieth of that and costs nothing on a healthy one (the first PING answers).
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// True once <paramref name="db"/>'s server answers a PING; false when none has answered by
    /// <paramref name="budget"/> after <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).
    /// An error reply other than NOPERM or the ones <see cref="RedisStatePlane.IsUnavailable"/> names is thrown.
    /// </summary>
    public static async Task<bool> WaitAsync(IDatabase db, long started, TimeSpan budget, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = budget - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                var ping = db.PingAsync().WaitAsync(remaining, cancellationToken);
                // Off the client's socket reader before going on: the caller may block next (see ReaderSafeCompletion).
                await ReaderSafeCompletion.OnThreadPool(ping);
                await ping;
                return true;
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOPERM", StringComparison.Ordinal))
            {
                // An ACL without +ping refuses the command, but the server did answer. Any other
                // error reply (NOAUTH, say) is the caller's to report.
                return true;
            }
            catch (Exception e) when (RedisStatePlane.IsUnavailable(e))
            {
                // Not yet: not connected, connected and not yet selectable, or still loading.
            }

            await Task.Delay(Retry, cancellationToken);
        }
    }
}
