using BbuPool.StatePlane.Redis;
using BbuPool.Testing.StatePlane;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>
/// Connecting to a server that is slow to answer. Each test stalls its own redis-server with
/// SIGSTOP, as a loaded host stalls one, so the shared fixture's server never stops.
/// </summary>
public sealed class RedisConnectTests
{
    [Fact]
    public async Task AServerThatAnswersAfterTheConnectWait_IsWaitedFor_AndTheFirstCommitGoesThrough()
    {
        // Stalled through the client's whole connect wait (5 s) and resumed half a second later:
        // 1.2.6 then marks the server "did not respond" and refuses commands to it until a
        // heartbeat clears the mark. Connecting must not hand back a store in that state; before
        // the connect waited for a PING, this threw at connect, and a CI run whose server answered
        // a moment later failed its first EVAL with "No connection is available".
        await using var server = await RedisServerProcess.StartAsync();
        var options = RedisServerFixture.Guarded(server, o => o.ConnectTimeout = TimeSpan.FromSeconds(5));
        server.Pause();
        var connecting = RedisStatePlane.ConnectAsync(options).AsTask();
        await Task.Delay(options.ConnectTimeout + TimeSpan.FromMilliseconds(500));
        server.Resume();

        // The heartbeat clears the mark within ~1 s of the resume: ready by ~6.5 s of a 10 s budget.
        await using var s = await connecting;
        var result = await s.CommitPlanAsync(new PlacementPlan("p1", [PlacementMove.To("c1", 0, "n1", [1])]));
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
    }

    [Fact]
    public async Task AServerStalledThroughTheWholeWait_FailsWithTheTypedException_NamingTwiceTheConnectTimeout()
    {
        await using var server = await RedisServerProcess.StartAsync();
        server.Pause();
        try
        {
            var timeout = TimeSpan.FromSeconds(1);
            var e = await Assert.ThrowsAsync<StatePlaneUnavailableException>(async () =>
                await RedisStatePlane.ConnectAsync(new StatePlaneOptions { Redis = server.EndPoint, ConnectTimeout = timeout }));
            Assert.Contains("did not answer within 2 s", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            server.Resume();
        }
    }
}
