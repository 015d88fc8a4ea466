using BbuPool.Testing.StatePlane;

namespace BbuPool.StatePlane.IntegrationTests;

/// <summary>
/// Redis killed (SIGKILL) and restarted during a stream of commits, and two controllers contending
/// for the lease. Each test runs its own durable redis-server (append-only file, fsync per write),
/// which is what makes "no acknowledged placement lost" a property Redis can keep.
/// </summary>
public sealed class RedisFailureTests
{
    // 5 s per call: a SIGKILLed server fails calls at once (connection reset); the timeout only
    // guards against a stalled one, and must not fire on a CI box loaded by parallel builds.
    private static StatePlaneOptions Options(RedisServerProcess server) =>
        new() { Redis = server.EndPoint, OperationTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task CommitWhileRedisIsDown_FailsWithTheTypedException_AndSucceedsOnRetryAfterRestart()
    {
        await using var server = await RedisServerProcess.StartAsync(durable: true);
        await using var s = await StatePlaneFactory.CreateAsync(Options(server));
        Assert.True((await s.CommitPlanAsync(new PlacementPlan("p1", [PlacementMove.To("c1", 0, "n1", [1])]))).Succeeded);

        server.Kill();
        var p2 = new PlacementPlan("p2", [PlacementMove.To("c1", 1, "n2", [1])]);
        await Assert.ThrowsAsync<StatePlaneUnavailableException>(async () => await s.CommitPlanAsync(p2));
        await Assert.ThrowsAsync<StatePlaneUnavailableException>(async () => await s.GetPlacementsAsync());

        await server.RestartAsync();
        var retry = new StatePlaneRetry(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        var result = await retry.ExecuteAsync(ct => s.CommitPlanAsync(p2, ct));
        Assert.True(result.Succeeded);
        Assert.Equal(2, (await s.GetPlacementAsync("c1"))!.Version);
    }

    [Fact]
    public async Task KillAndRestartMidStream_LosesNoAcknowledgedPlan_AndAppliesNoneTwice()
    {
        await using var server = await RedisServerProcess.StartAsync(durable: true);
        await using var s = await StatePlaneFactory.CreateAsync(Options(server));
        var retry = new StatePlaneRetry(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        const int Cells = 10;
        var versions = new long[Cells];
        var acknowledged = new int[Cells];
        var lastNode = new string[Cells];
        var acked = 0;
        var unavailable = 0;
        var restarted = false;
        var ackedAtRestart = int.MaxValue;

        var killer = Task.Run(async () =>
        {
            while (Volatile.Read(ref acked) < 100)
            {
                await Task.Delay(1);
            }

            server.Kill();
            await Task.Delay(300);
            await server.RestartAsync();
            Volatile.Write(ref ackedAtRestart, Volatile.Read(ref acked));
            Volatile.Write(ref restarted, true);
        });

        // Commit until the server has been back for 100 more plans (bounded, in case it never comes back).
        for (var i = 0; i < 50_000 && !(Volatile.Read(ref restarted) && acked >= Volatile.Read(ref ackedAtRestart) + 100); i++)
        {
            var cell = i % Cells;
            var plan = new PlacementPlan($"p{i}", [PlacementMove.To($"c{cell}", versions[cell], $"n{i}", [i % 32])]);
            var result = await retry.ExecuteAsync(async ct =>
            {
                try
                {
                    return await s.CommitPlanAsync(plan, ct);
                }
                catch (StatePlaneUnavailableException)
                {
                    unavailable++;
                    throw;
                }
            });

            // A reply lost in the kill comes back as AlreadyCommitted on the retry: applied once, never twice.
            Assert.True(result.Succeeded, $"plan {i}: {result.Outcome} {result.ConflictCellId} {result.ActualVersion}");
            versions[cell] = result.Versions[0];
            acknowledged[cell]++;
            lastNode[cell] = $"n{i}";
            Interlocked.Increment(ref acked);
        }

        await killer;
        Assert.True(unavailable > 0, "the outage was never seen");
        var placements = await retry.ExecuteAsync(ct => s.GetPlacementsAsync(ct));
        Assert.Equal(Cells, placements.Count);
        for (var c = 0; c < Cells; c++)
        {
            Assert.Equal(acknowledged[c], placements[c].Version);
            Assert.Equal(lastNode[c], placements[c].NodeId);
        }

        var committedEvents = 0;
        string? after = null;
        while (true)
        {
            var batch = await s.ReadEventsAsync(after, 1000);
            if (batch.Count == 0)
            {
                break;
            }

            committedEvents += batch.Count(e => e.Kind == StateEventKind.PlanCommitted);
            after = batch[^1].Id;
        }

        Assert.Equal(acked, committedEvents);
    }

    [Fact]
    public async Task PipelinedBatch_AcrossARestart_IsRetriedWholeAndAppliedOnce()
    {
        await using var server = await RedisServerProcess.StartAsync(durable: true);
        await using var s = await StatePlaneFactory.CreateAsync(Options(server));
        var retry = new StatePlaneRetry(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        var batch1 = Enumerable.Range(0, 500).Select(i => new PlacementPlan($"a{i}", [PlacementMove.To($"c{i}", 0, "n1", [1])])).ToList();
        await s.CommitPlansAsync(batch1);

        var batch2 = Enumerable.Range(0, 500).Select(i => new PlacementPlan($"b{i}", [PlacementMove.To($"c{i}", 1, "n2", [2])])).ToList();
        var first = s.CommitPlansAsync(batch2).AsTask();
        server.Kill();
        try
        {
            await first;
        }
        catch (StatePlaneUnavailableException)
        {
            // Expected when the kill landed mid-batch; some plans may have applied.
        }

        await server.RestartAsync();
        var results = await retry.ExecuteAsync(ct => s.CommitPlansAsync(batch2, ct));
        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.All(results, r => Assert.Equal([2L], r.Versions));
        Assert.All(await s.GetPlacementsAsync(), p => Assert.Equal(("n2", 2L), (p.NodeId, p.Version)));
    }

    [Fact]
    public async Task TwoControllers_ContendingForTheLease_NeverCommitUnderAStaleToken()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var a = await StatePlaneFactory.CreateAsync(Options(server));
        await using var b = await StatePlaneFactory.CreateAsync(Options(server));
        var log = new List<(long Version, long Token, string Who)>();
        var fenced = 0;

        async Task RunController(IStatePlane s, string id)
        {
            LeaderLease? lease = null;
            // 150 ms lease; every 7th round the controller "stalls" 250 ms between reading and
            // committing (a GC pause, a slow disk): its lease runs out and it must be fenced.
            for (var round = 0; round < 120; round++)
            {
                lease = lease is null
                    ? await s.TryAcquireLeaseAsync(id, TimeSpan.FromMilliseconds(150))
                    : await s.RenewLeaseAsync(lease, TimeSpan.FromMilliseconds(150));
                if (lease is null)
                {
                    await Task.Delay(5);
                    continue;
                }

                var version = (await s.GetPlacementAsync("c1"))?.Version ?? 0;
                if (round % 7 == 3)
                {
                    await Task.Delay(250);
                }

                var result = await s.CommitPlanAsync(new PlacementPlan($"{id}-{round}", [PlacementMove.To("c1", version, id, [round % 8])], lease.FencingToken));
                lock (log)
                {
                    if (result.Outcome == CommitOutcome.Committed)
                    {
                        log.Add((result.Versions[0], lease.FencingToken, id));
                    }
                    else if (result.Outcome == CommitOutcome.Fenced)
                    {
                        fenced++;
                    }
                }

                await Task.Delay(2);
            }
        }

        await Task.WhenAll(Task.Run(() => RunController(a, "ctl-a")), Task.Run(() => RunController(b, "ctl-b")));

        Assert.True(fenced > 0, "no stalled controller was fenced");
        var ordered = log.OrderBy(e => e.Version).ToList();
        Assert.Equal(Enumerable.Range(1, ordered.Count).Select(v => (long)v), ordered.Select(e => e.Version));
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Token >= ordered[i - 1].Token, $"version {ordered[i].Version} committed under token {ordered[i].Token} after token {ordered[i - 1].Token}");
        }

        Assert.True(ordered.Select(e => e.Token).Distinct().Count() >= 2, "leadership never changed");
        Assert.Equal(ordered.Count, (await a.GetPlacementAsync("c1"))!.Version);
    }
}
