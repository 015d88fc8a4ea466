using BbuPool.StatePlane.Tests.Contract;

namespace BbuPool.StatePlane.Tests;

/// <summary>Behaviour specific to the embedded store (the rest is in the contract).</summary>
public sealed class EmbeddedStatePlaneTests
{
    [Fact]
    public async Task Factory_WithoutRedis_GivesTheEmbeddedStore()
    {
        await using var s = await StatePlaneFactory.CreateAsync(new StatePlaneOptions());
        Assert.Equal("embedded", s.Description);
    }

    [Fact]
    public async Task EventStream_IsTrimmedToItsLength()
    {
        await using var s = StatePlaneFactory.CreateEmbedded(new StatePlaneOptions { EventStreamLength = 50 });
        for (var i = 0; i < 200; i++)
        {
            await s.RegisterNodeAsync(StatePlaneContract.Node($"n{i}"));
        }

        var events = await s.ReadEventsAsync(null, 1000);
        Assert.InRange(events.Count, 50, 55);
        Assert.Equal("n199", events[^1].Subject);
    }

    [Fact]
    public async Task PlanMemory_Expires_SoAnOldPlanIdIsJudgedAfresh()
    {
        var clock = new ManualTimeProvider();
        await using var s = StatePlaneFactory.CreateEmbedded(new StatePlaneOptions { TimeProvider = clock, PlanMemory = TimeSpan.FromMinutes(1) });
        var plan = new PlacementPlan("p1", [PlacementMove.To("c1", 0, "n1", [1])]);
        await s.CommitPlanAsync(plan);
        clock.Advance(TimeSpan.FromMinutes(2));

        var again = await s.CommitPlanAsync(plan);
        Assert.Equal(CommitOutcome.VersionConflict, again.Outcome);
    }

    [Fact]
    public async Task ExpiredPlanIds_AreForgotten_ButAnIdCommittedAgainIsKept()
    {
        var clock = new ManualTimeProvider();
        await using var s = new Embedded.EmbeddedStatePlane(new StatePlaneOptions { TimeProvider = clock, PlanMemory = TimeSpan.FromMinutes(1) });
        var plans = Enumerable.Range(0, 1_000).Select(i => new PlacementPlan($"p{i}", [PlacementMove.To($"c{i}", 0, "n1", [1])])).ToList();
        await s.CommitPlansAsync(plans);
        Assert.Equal(1_000, s.RememberedPlanIds);

        clock.Advance(TimeSpan.FromMinutes(2));
        var again = await s.CommitPlanAsync(new PlacementPlan("p0", [PlacementMove.To("c0", 1, "n2", [1])]));
        Assert.Equal(CommitOutcome.Committed, again.Outcome);
        Assert.Equal(1, s.RememberedPlanIds);
        Assert.Equal(CommitOutcome.AlreadyCommitted, (await s.CommitPlanAsync(new PlacementPlan("p0", [PlacementMove.To("c0", 1, "n2", [1])]))).Outcome);
    }

    [Fact]
    public async Task ConcurrentCommitters_OnOneCell_NeverLoseAnUpdate()
    {
        await using var s = StatePlaneFactory.CreateEmbedded();
        var committed = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                while (true)
                {
                    var v = (await s.GetPlacementAsync("c1"))?.Version ?? 0;
                    var r = await s.CommitPlanAsync(new PlacementPlan($"w{w}-{i}", [PlacementMove.To("c1", v, $"n{w}", [i])]));
                    if (r.Succeeded)
                    {
                        Interlocked.Increment(ref committed);
                        break;
                    }
                }
            }
        })));

        Assert.Equal(1000, committed);
        Assert.Equal(1000, (await s.GetPlacementAsync("c1"))!.Version);
    }
}
