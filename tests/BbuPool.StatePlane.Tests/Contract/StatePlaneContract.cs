using BbuPool.Core.Model;

namespace BbuPool.StatePlane.Tests.Contract;

/// <summary>
/// The one contract both state planes must meet. Compiled into the unit tests (Embedded) and,
/// linked, into the integration tests (Redis on a real redis-server).
/// </summary>
public abstract class StatePlaneContract : IAsyncLifetime
{
    private readonly List<IStatePlane> _created = [];

    /// <summary>Creates a fresh, empty state plane (a new store, or a new key prefix on a shared server).</summary>
    protected abstract Task<IStatePlane> CreateStoreAsync(Action<StatePlaneOptions>? configure = null);

    /// <summary>Lets time-to-lives run out: a manual clock for Embedded, a real wait for Redis.</summary>
    protected abstract Task AdvanceAsync(TimeSpan time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var s in _created)
        {
            await s.DisposeAsync();
        }
    }

    private async Task<IStatePlane> NewAsync(Action<StatePlaneOptions>? configure = null)
    {
        var store = await CreateStoreAsync(configure);
        _created.Add(store);
        return store;
    }

    internal static NodeSpec Node(string id, int cores = 32) =>
        new(id, CpuArch.X64, cores, 2, 2.4, 2, 256, 25, 120, 380, 90, "hub-a");

    internal static PlacementPlan Plan(string id, params PlacementMove[] moves) => new(id, moves);

    [Fact]
    public async Task RegisteredNode_IsListedUpAndNotAlive_UntilItHeartbeats()
    {
        var s = await NewAsync();
        await s.RegisterNodeAsync(Node("n2"));
        await s.RegisterNodeAsync(Node("n1", 64));

        var nodes = await s.GetNodesAsync();
        Assert.Equal(["n1", "n2"], nodes.Select(n => n.Node.Id));
        Assert.Equal(Node("n1", 64), nodes[0].Node);
        Assert.All(nodes, n => Assert.Equal(NodeState.Up, n.State));
        Assert.All(nodes, n => Assert.False(n.Alive));

        await s.HeartbeatAsync("n1", TimeSpan.FromSeconds(30));
        nodes = await s.GetNodesAsync();
        Assert.True(nodes[0].Alive);
        Assert.NotNull(nodes[0].HeartbeatRemaining);
        Assert.False(nodes[1].Alive);
    }

    [Fact]
    public async Task Heartbeat_Expires_AfterItsTimeToLive()
    {
        var s = await NewAsync();
        await s.RegisterNodeAsync(Node("n1"));
        await s.HeartbeatAsync("n1", TimeSpan.FromMilliseconds(100));
        await AdvanceAsync(TimeSpan.FromMilliseconds(400));

        var node = Assert.Single(await s.GetNodesAsync());
        Assert.False(node.Alive);
        Assert.Null(node.HeartbeatRemaining);
    }

    [Fact]
    public async Task NodeState_IsSetOnlyForRegisteredNodes_AndSurvivesReRegistration()
    {
        var s = await NewAsync();
        Assert.False(await s.SetNodeStateAsync("ghost", NodeState.Draining));
        await s.RegisterNodeAsync(Node("n1"));
        Assert.True(await s.SetNodeStateAsync("n1", NodeState.Draining));
        await s.RegisterNodeAsync(Node("n1", 48));

        var node = Assert.Single(await s.GetNodesAsync());
        Assert.Equal(NodeState.Draining, node.State);
        Assert.Equal(48, node.Node.Cores);
    }

    [Fact]
    public async Task FirstPlacement_ExpectsVersionZero_AndGetsVersionOne()
    {
        var s = await NewAsync();
        var result = await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [4, 5])));

        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal([1L], result.Versions);
        var p = await s.GetPlacementAsync("c1");
        Assert.NotNull(p);
        Assert.Equal("n1", p.NodeId);
        Assert.Equal([4, 5], p.Cores);
        Assert.Equal(1, p.Version);
        Assert.Null(await s.GetPlacementAsync("c2"));
    }

    [Fact]
    public async Task Plan_WithOneStaleVersion_AppliesNothing_AndNamesTheCell()
    {
        var s = await NewAsync();
        await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1]), PlacementMove.To("c2", 0, "n1", [2])));

        var result = await s.CommitPlanAsync(Plan(
            "p2",
            PlacementMove.To("c1", 1, "n2", [1]),
            PlacementMove.To("c2", 0, "n2", [2]),
            PlacementMove.To("c3", 0, "n2", [3])));

        Assert.Equal(CommitOutcome.VersionConflict, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.Equal("c2", result.ConflictCellId);
        Assert.Equal(1, result.ActualVersion);
        var placements = await s.GetPlacementsAsync();
        Assert.Equal(["c1", "c2"], placements.Select(p => p.CellId));
        Assert.All(placements, p => Assert.Equal("n1", p.NodeId));
        Assert.All(placements, p => Assert.Equal(1, p.Version));
    }

    [Fact]
    public async Task MultiMovePlan_AppliesEveryMove_AndBumpsEachVersion()
    {
        var s = await NewAsync();
        await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1]), PlacementMove.To("c2", 0, "n1", [2])));

        var result = await s.CommitPlanAsync(Plan("p2", PlacementMove.To("c1", 1, "n2", [7]), PlacementMove.To("c2", 1, "n3", [8, 9])));

        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal([2L, 2L], result.Versions);
        var placements = await s.GetPlacementsAsync();
        Assert.Equal(["n2", "n3"], placements.Select(p => p.NodeId));
        Assert.Equal([8, 9], placements[1].Cores);
    }

    [Fact]
    public async Task SamePlanIdTwice_IsAppliedOnce_AndTheRetryReportsTheFirstVersions()
    {
        var s = await NewAsync();
        var plan = Plan("p1", PlacementMove.To("c1", 0, "n1", [1]));
        var first = await s.CommitPlanAsync(plan);
        var again = await s.CommitPlanAsync(plan);

        Assert.Equal(CommitOutcome.Committed, first.Outcome);
        Assert.Equal(CommitOutcome.AlreadyCommitted, again.Outcome);
        Assert.True(again.Succeeded);
        Assert.Equal(first.Versions, again.Versions);
        Assert.Equal(1, (await s.GetPlacementAsync("c1"))!.Version);
        Assert.Single(await s.ReadEventsAsync(null, 100), e => e.Kind == StateEventKind.PlanCommitted);
    }

    [Fact]
    public async Task Removal_DeletesThePlacement_AndLeavesItsVersionAsATombstone()
    {
        var s = await NewAsync();
        await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1]), PlacementMove.To("c2", 0, "n1", [2])));

        var removed = await s.CommitPlanAsync(Plan("p2", PlacementMove.Remove("c1", 1), PlacementMove.Remove("c2", 1)));
        Assert.Equal([2L, 2L], removed.Versions);
        Assert.Empty(await s.GetPlacementsAsync());

        // A planner that tracks versions keeps counting up...
        var tracked = await s.CommitPlanAsync(Plan("p3", PlacementMove.To("c1", 2, "n2", [3])));
        Assert.Equal([3L], tracked.Versions);
        Assert.Equal(3, (await s.GetPlacementAsync("c1"))!.Version);

        // ...one that read "no placement" expects 0 and the cell starts again at 1.
        var fresh = await s.CommitPlanAsync(Plan("p4", PlacementMove.To("c2", 0, "n3", [4])));
        Assert.Equal([1L], fresh.Versions);
        Assert.Equal(1, (await s.GetPlacementAsync("c2"))!.Version);

        // A stale tombstone version no longer matches once the cell is placed again.
        var stale = await s.CommitPlanAsync(Plan("p5", PlacementMove.To("c2", 2, "n4", [5])));
        Assert.Equal(CommitOutcome.VersionConflict, stale.Outcome);
        Assert.Equal(1, stale.ActualVersion);
    }

    [Fact]
    public async Task PipelinedPlans_RunInOrder_EachSeeingThePreviousVersion()
    {
        var s = await NewAsync();
        var plans = Enumerable.Range(0, 200)
            .Select(i => Plan($"p{i}", PlacementMove.To("c1", i, $"n{i % 4}", [i % 16]), PlacementMove.To($"x{i}", 0, "n9", [1])))
            .ToList();

        var results = await s.CommitPlansAsync(plans);

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, r.Outcome));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Select(r => r.Versions[0]));
        var c1 = await s.GetPlacementAsync("c1");
        Assert.Equal(200, c1!.Version);
        Assert.Equal("n3", c1.NodeId);
        Assert.Equal(201, (await s.GetPlacementsAsync()).Count);
    }

    [Fact]
    public async Task PipelinedBatch_ReportsAConflictForThatPlanOnly()
    {
        var s = await NewAsync();
        var results = await s.CommitPlansAsync([
            Plan("a", PlacementMove.To("c1", 0, "n1", [1])),
            Plan("b", PlacementMove.To("c1", 0, "n2", [1])),
            Plan("c", PlacementMove.To("c2", 0, "n2", [2])),
        ]);

        Assert.Equal([CommitOutcome.Committed, CommitOutcome.VersionConflict, CommitOutcome.Committed], results.Select(r => r.Outcome));
        Assert.Equal("n1", (await s.GetPlacementAsync("c1"))!.NodeId);
    }

    [Fact]
    public async Task RefusedPlan_LeavesEveryVersionAsItWas_AndIsNotRemembered()
    {
        var s = await NewAsync();
        await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1]), PlacementMove.To("c2", 0, "n1", [2])));
        await s.CommitPlanAsync(Plan("p2", PlacementMove.Remove("c2", 1)));

        // A never-placed cell, a removed cell re-created from 0, then a stale one: nothing may stick.
        var refused = await s.CommitPlanAsync(Plan(
            "p3",
            PlacementMove.To("c3", 0, "n2", [3]),
            PlacementMove.To("c2", 0, "n2", [2]),
            PlacementMove.To("c1", 5, "n2", [1])));
        Assert.Equal(CommitOutcome.VersionConflict, refused.Outcome);
        Assert.Equal("c1", refused.ConflictCellId);
        Assert.Equal(1, refused.ActualVersion);
        Assert.Null(await s.GetPlacementAsync("c3"));
        Assert.Null(await s.GetPlacementAsync("c2"));
        Assert.Equal("n1", (await s.GetPlacementAsync("c1"))!.NodeId);

        // The tombstone version of c2 still matches, and c3 still expects 0.
        var tracked = await s.CommitPlanAsync(Plan("p4", PlacementMove.To("c2", 2, "n3", [2]), PlacementMove.To("c3", 0, "n3", [3])));
        Assert.Equal([3L, 1L], tracked.Versions);

        // The refused plan's id was not remembered: the same id commits once its versions are right.
        var again = await s.CommitPlanAsync(Plan("p3", PlacementMove.To("c1", 1, "n2", [1])));
        Assert.Equal(CommitOutcome.Committed, again.Outcome);
        Assert.Equal([2L], again.Versions);
        var events = await s.ReadEventsAsync(null, 100);
        Assert.Equal(["p1", "p2", "p4", "p3"], events.Where(e => e.Kind == StateEventKind.PlanCommitted).Select(e => e.Subject));
    }

    [Fact]
    public async Task LongPipelinedBatch_MixingOutcomes_ReportsEachPlanInOrder()
    {
        var s = await NewAsync();
        var versions = new long[10];
        var plans = new List<PlacementPlan>();
        var expected = new List<(CommitOutcome Outcome, long Version)>();
        for (var i = 0; i < 300; i++)
        {
            var cell = i % 10;
            if (i == 200)
            {
                // A repeat of plan 3 (committed): reported with plan 3's versions, nothing applied.
                plans.Add(plans[3]);
                expected.Add((CommitOutcome.AlreadyCommitted, expected[3].Version));
            }
            else if (i % 7 == 0)
            {
                plans.Add(Plan($"p{i}", PlacementMove.To($"c{cell}", versions[cell] + 5, "nx", [cell])));
                expected.Add((CommitOutcome.VersionConflict, versions[cell]));
            }
            else
            {
                plans.Add(Plan($"p{i}", PlacementMove.To($"c{cell}", versions[cell], $"n{i}", [cell])));
                expected.Add((CommitOutcome.Committed, ++versions[cell]));
            }
        }

        var results = await s.CommitPlansAsync(plans);

        Assert.Equal(expected.Select(e => e.Outcome), results.Select(r => r.Outcome));
        Assert.Equal(expected.Select(e => e.Version), results.Select(r => r.Succeeded ? r.Versions[0] : r.ActualVersion));
        var placements = await s.GetPlacementsAsync();
        Assert.Equal(versions, placements.Select(p => p.Version));
        Assert.DoesNotContain(placements, p => p.NodeId == "nx");
    }

    [Fact]
    public async Task PipelinedBatch_WithAnInvalidPlan_AppliesNothing()
    {
        var s = await NewAsync();
        await Assert.ThrowsAsync<ArgumentException>(async () => await s.CommitPlansAsync([
            Plan("ok", PlacementMove.To("c1", 0, "n1", [1])),
            Plan("bad", PlacementMove.To("c2", 0, "n1", [1]), PlacementMove.To("c2", 0, "n2", [1])),
        ]));
        Assert.Empty(await s.GetPlacementsAsync());
    }

    [Fact]
    public async Task Plan_WithTheSameCellTwice_IsRejected()
    {
        var s = await NewAsync();
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await s.CommitPlanAsync(Plan("p", PlacementMove.To("c1", 0, "n1", [1]), PlacementMove.To("c1", 0, "n2", [1]))));
    }

    [Fact]
    public async Task Lease_IsExclusive_AndTokensGrowWithEveryAcquisition()
    {
        var s = await NewAsync();
        var a = await s.TryAcquireLeaseAsync("ctl-a", TimeSpan.FromSeconds(30));
        Assert.NotNull(a);
        Assert.Null(await s.TryAcquireLeaseAsync("ctl-b", TimeSpan.FromSeconds(30)));
        Assert.Null(await s.TryAcquireLeaseAsync("ctl-a", TimeSpan.FromSeconds(30)));

        var current = await s.GetLeaseAsync();
        Assert.Equal("ctl-a", current!.Holder);
        Assert.Equal(a.FencingToken, current.FencingToken);

        Assert.True(await s.ReleaseLeaseAsync(a));
        Assert.False(await s.ReleaseLeaseAsync(a));
        Assert.Null(await s.GetLeaseAsync());
        var b = await s.TryAcquireLeaseAsync("ctl-b", TimeSpan.FromSeconds(30));
        Assert.True(b!.FencingToken > a.FencingToken);
    }

    [Fact]
    public async Task Renew_KeepsTheToken_AndFailsForALeaseThatIsNotCurrent()
    {
        var s = await NewAsync();
        var a = (await s.TryAcquireLeaseAsync("ctl-a", TimeSpan.FromSeconds(30)))!;
        var renewed = await s.RenewLeaseAsync(a, TimeSpan.FromSeconds(60));
        Assert.Equal(a.FencingToken, renewed!.FencingToken);

        Assert.Null(await s.RenewLeaseAsync(a with { FencingToken = a.FencingToken + 1 }, TimeSpan.FromSeconds(30)));
        Assert.Null(await s.RenewLeaseAsync(a with { Holder = "ctl-b" }, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ExpiredLease_CanBeTakenOver_AndTheOldLeaderIsFenced()
    {
        var s = await NewAsync();
        var a = (await s.TryAcquireLeaseAsync("ctl-a", TimeSpan.FromSeconds(30)))!;
        Assert.True((await s.CommitPlanAsync(new PlacementPlan("pa1", [PlacementMove.To("c1", 0, "n1", [1])], a.FencingToken))).Succeeded);

        // The leader's last renewal is a short one, then it stalls past it.
        Assert.NotNull(await s.RenewLeaseAsync(a, TimeSpan.FromMilliseconds(100)));
        await AdvanceAsync(TimeSpan.FromMilliseconds(400));
        Assert.Null(await s.GetLeaseAsync());
        var b = (await s.TryAcquireLeaseAsync("ctl-b", TimeSpan.FromSeconds(30)))!;

        Assert.Null(await s.RenewLeaseAsync(a, TimeSpan.FromSeconds(30)));
        var stale = await s.CommitPlanAsync(new PlacementPlan("pa2", [PlacementMove.To("c1", 1, "n2", [1])], a.FencingToken));
        Assert.Equal(CommitOutcome.Fenced, stale.Outcome);
        Assert.Equal(b.FencingToken, stale.ActualVersion);

        var fresh = await s.CommitPlanAsync(new PlacementPlan("pb1", [PlacementMove.To("c1", 1, "n3", [1])], b.FencingToken));
        Assert.Equal(CommitOutcome.Committed, fresh.Outcome);
        Assert.Equal("n3", (await s.GetPlacementAsync("c1"))!.NodeId);
    }

    [Fact]
    public async Task UnfencedCommit_IsRefusedWhileALeaseIsHeld_AndAcceptedAfterRelease()
    {
        var s = await NewAsync();
        var a = (await s.TryAcquireLeaseAsync("ctl-a", TimeSpan.FromSeconds(30)))!;
        var refused = await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1])));
        Assert.Equal(CommitOutcome.Fenced, refused.Outcome);
        Assert.Null(await s.GetPlacementAsync("c1"));

        await s.ReleaseLeaseAsync(a);
        Assert.Equal(CommitOutcome.Committed, (await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1])))).Outcome);
        var afterRelease = await s.CommitPlanAsync(new PlacementPlan("p2", [PlacementMove.To("c1", 1, "n2", [1])], a.FencingToken));
        Assert.Equal(CommitOutcome.Fenced, afterRelease.Outcome);
        Assert.Equal(0, afterRelease.ActualVersion);
    }

    [Fact]
    public async Task MigrationRecord_FollowsPlannedRunningCommitted_AndRefusesIllegalChanges()
    {
        var s = await NewAsync();
        var t0 = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
        var m = new MigrationEntry("m1", "c1", "n1", "n2", "pre-copy", MigrationPhase.Planned, t0, Reason: "rebalance");

        Assert.False(await s.RecordMigrationAsync(m with { Phase = MigrationPhase.Running }));
        Assert.True(await s.RecordMigrationAsync(m));
        Assert.False(await s.RecordMigrationAsync(m));
        Assert.False(await s.RecordMigrationAsync(m with { Phase = MigrationPhase.Committed }));
        var running = m with { Phase = MigrationPhase.Running, StartedAt = t0.AddMilliseconds(5) };
        Assert.True(await s.RecordMigrationAsync(running));
        var done = running with { Phase = MigrationPhase.Committed, EndedAt = t0.AddMilliseconds(80), DowntimeMicroseconds = 4600.5, BytesTransferred = 40L << 20 };
        Assert.True(await s.RecordMigrationAsync(done));
        Assert.False(await s.RecordMigrationAsync(done with { Phase = MigrationPhase.Aborted }));

        Assert.Equal(done, await s.GetMigrationAsync("m1"));
        Assert.Null(await s.GetMigrationAsync("m2"));
    }

    [Fact]
    public async Task PlannedMigration_CanAbort()
    {
        var s = await NewAsync();
        var m = new MigrationEntry("m1", "c1", "n1", "n2", "post-copy", MigrationPhase.Planned, DateTimeOffset.UnixEpoch);
        Assert.True(await s.RecordMigrationAsync(m));
        Assert.True(await s.RecordMigrationAsync(m with { Phase = MigrationPhase.Aborted, Reason = "target failed" }));
        Assert.Equal("target failed", (await s.GetMigrationAsync("m1"))!.Reason);
    }

    [Fact]
    public async Task LoadSamples_KeepTheNewestWindow_NewestFirst()
    {
        var s = await NewAsync(o => o.LoadWindow = 5);
        var t0 = DateTimeOffset.UnixEpoch.AddDays(20_000);
        var samples = Enumerable.Range(0, 8).Select(i => new CellLoadSample("c1", t0.AddSeconds(i), new LoadSample(i / 10.0, 10 + i, i))).ToList();
        await s.AppendLoadSamplesAsync(samples);
        await s.AppendLoadSamplesAsync([new CellLoadSample("c2", t0, new LoadSample(0.5, 20, 3))]);

        var window = await s.GetLoadSamplesAsync("c1", 100);
        Assert.Equal(5, window.Count);
        Assert.Equal(samples[7], window[0]);
        Assert.Equal(samples[3], window[4]);
        Assert.Equal(2, (await s.GetLoadSamplesAsync("c1", 2)).Count);
        Assert.Single(await s.GetLoadSamplesAsync("c2", 10));
        Assert.Empty(await s.GetLoadSamplesAsync("c3", 10));
    }

    [Fact]
    public async Task Events_ReportChangesInOrder_AndReadOnFromAnId()
    {
        var s = await NewAsync();
        await s.RegisterNodeAsync(Node("n1"));
        await s.SetNodeStateAsync("n1", NodeState.Draining);
        await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1])));
        var lease = (await s.TryAcquireLeaseAsync("ctl-a", TimeSpan.FromSeconds(30)))!;
        await s.RecordMigrationAsync(new MigrationEntry("m1", "c1", "n1", "n2", "hybrid", MigrationPhase.Planned, DateTimeOffset.UnixEpoch));
        await s.ReleaseLeaseAsync(lease);

        var all = await s.ReadEventsAsync(null, 100);
        Assert.Equal(
            [StateEventKind.NodeRegistered, StateEventKind.NodeStateChanged, StateEventKind.PlanCommitted, StateEventKind.LeaseAcquired, StateEventKind.MigrationChanged, StateEventKind.LeaseReleased],
            all.Select(e => e.Kind));
        Assert.Equal("p1", all[2].Subject);
        Assert.Equal("c1->n1", all[2].Detail);
        Assert.Equal("ctl-a", all[3].Subject);

        var rest = await s.ReadEventsAsync(all[1].Id, 2);
        Assert.Equal([all[2].Id, all[3].Id], rest.Select(e => e.Id));
        Assert.Empty(await s.ReadEventsAsync(all[^1].Id, 10));
    }

    [Fact]
    public async Task Watch_YieldsEventsAsTheyArrive()
    {
        var s = await NewAsync();
        await s.RegisterNodeAsync(Node("n1"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<StateEvent>();
        var watcher = Task.Run(async () =>
        {
            await foreach (var e in s.WatchAsync(null, TimeSpan.FromMilliseconds(10), cancellationToken: cts.Token))
            {
                seen.Add(e);
                if (seen.Count == 3)
                {
                    return;
                }
            }
        });
        await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1])));
        await s.CommitPlanAsync(Plan("p2", PlacementMove.To("c1", 1, "n1", [2])));
        await watcher;

        Assert.Equal(["n1", "p1", "p2"], seen.Select(e => e.Subject));
    }

    [Fact]
    public async Task Snapshot_HoldsNodesPlacementsMigrationsLeaseAndLastEvent()
    {
        var s = await NewAsync();
        await s.RegisterNodeAsync(Node("n1"));
        await s.HeartbeatAsync("n1", TimeSpan.FromSeconds(30));
        await s.CommitPlanAsync(Plan("p1", PlacementMove.To("c1", 0, "n1", [1]), PlacementMove.To("c2", 0, "n1", [2, 3])));
        await s.RecordMigrationAsync(new MigrationEntry("m1", "c1", "n1", "n2", "pre-copy", MigrationPhase.Planned, DateTimeOffset.UnixEpoch));
        var lease = await s.TryAcquireLeaseAsync("ctl-a", TimeSpan.FromSeconds(30));

        var snap = await s.GetSnapshotAsync();
        Assert.True(Assert.Single(snap.Nodes).Alive);
        Assert.Equal(["c1", "c2"], snap.Placements.Select(p => p.CellId));
        Assert.Equal("m1", Assert.Single(snap.Migrations).MigrationId);
        Assert.Equal(lease!.FencingToken, snap.Lease!.FencingToken);
        Assert.Equal((await s.ReadEventsAsync(null, 100))[^1].Id, snap.LastEventId);
    }

    [Fact]
    public async Task EmptyStore_HasAnEmptySnapshot()
    {
        var s = await NewAsync();
        var snap = await s.GetSnapshotAsync();
        Assert.Empty(snap.Nodes);
        Assert.Empty(snap.Placements);
        Assert.Empty(snap.Migrations);
        Assert.Null(snap.Lease);
        Assert.Null(snap.LastEventId);
        Assert.Empty(await s.ReadEventsAsync(null, 10));
    }
}
