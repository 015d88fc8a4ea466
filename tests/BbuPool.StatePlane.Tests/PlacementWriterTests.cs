namespace BbuPool.StatePlane.Tests;

public sealed class PlacementWriterTests
{
    [Fact]
    public async Task StepsAreWrittenAsPlans_WithVersionsTrackedAcrossAPipelinedFlush()
    {
        await using var s = StatePlaneFactory.CreateEmbedded();
        var w = new PlacementWriter(s);
        w.Stage("c1", "n1", [0]);
        w.Stage("c2", "n1", [1]);
        Assert.True(w.EndStep("step-0"));
        w.Stage("c1", "n2", [4]);
        w.Stage("c1", "n3", [5]); // the last change in a step wins
        Assert.True(w.EndStep("step-1"));
        w.Stage("c2", null, []);
        w.Stage("c9", null, []); // never placed: nothing to remove
        Assert.True(w.EndStep("step-2"));
        Assert.False(w.EndStep("step-3"));

        var results = await w.FlushAsync();

        Assert.Equal(3, results.Count);
        Assert.Equal(3, w.CommittedPlans);
        var c1 = await s.GetPlacementAsync("c1");
        Assert.Equal(("n3", 2L), (c1!.NodeId, c1.Version));
        Assert.Null(await s.GetPlacementAsync("c2"));

        w.Stage("c2", "n4", [7]);
        w.EndStep("step-4");
        await w.FlushAsync();
        Assert.Equal(3, (await s.GetPlacementAsync("c2"))!.Version);
    }

    [Fact]
    public async Task LoadAsync_ContinuesFromTheStoredVersions()
    {
        await using var s = StatePlaneFactory.CreateEmbedded();
        await s.CommitPlanAsync(new PlacementPlan("seed", [PlacementMove.To("c1", 0, "n1", [0])]));
        var w = await PlacementWriter.LoadAsync(s);
        w.Stage("c1", "n2", [1]);
        w.EndStep("p");
        await w.FlushAsync();
        Assert.Equal(2, (await s.GetPlacementAsync("c1"))!.Version);
    }

    [Fact]
    public async Task AnotherWritersChange_IsReportedAsAPlacementWriteException()
    {
        await using var s = StatePlaneFactory.CreateEmbedded();
        var w = new PlacementWriter(s);
        await s.CommitPlanAsync(new PlacementPlan("other", [PlacementMove.To("c1", 0, "n9", [0])]));
        w.Stage("c1", "n1", [0]);
        w.EndStep("mine");

        var e = await Assert.ThrowsAsync<PlacementWriteException>(async () => await w.FlushAsync());
        Assert.Equal("mine", e.PlanId);
        Assert.Equal(CommitOutcome.VersionConflict, e.Result!.Outcome);
    }
}
