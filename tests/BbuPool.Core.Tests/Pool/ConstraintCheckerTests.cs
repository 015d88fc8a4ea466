using BbuPool.Core.Model;
using BbuPool.Core.Pool;

namespace BbuPool.Core.Tests.Pool;

public class ConstraintCheckerTests
{
    [Fact]
    public void ArchMismatch_IsReported()
    {
        // TryPlace does not filter arch (that is the scheduler's Filter); the checker must catch it.
        var pool = TestPools.Pool([TestPools.Node("arm", CpuArch.Arm64)], [TestPools.Cell("c1", stack: "lte-x86")]);
        Assert.True(pool.TryPlace(0, 0, 3, "wrong arch"));
        var found = new List<ConstraintViolation>();
        Assert.Equal(1, ConstraintChecker.Check(pool, found));
        Assert.Equal("arch", found[0].Constraint);
    }

    [Fact]
    public void CompClusterAcrossSites_IsReported()
    {
        var pool = TestPools.Pool(
            [TestPools.Node("a", site: "hub-1"), TestPools.Node("b", site: "hub-2"), TestPools.Node("c", site: "hub-1")],
            [TestPools.Cell("c1", cluster: "k"), TestPools.Cell("c2", cluster: "k")]);
        pool.TryPlace(0, 0, 2, "x");
        pool.TryPlace(1, 2, 2, "same site is fine");
        Assert.Equal(0, ConstraintChecker.Check(pool));
        pool.TryPlace(1, 1, 2, "other site is not");
        var found = new List<ConstraintViolation>();
        ConstraintChecker.Check(pool, found);
        Assert.Contains(found, v => v.Constraint == "comp");
    }

    [Fact]
    public void FronthaulBeyondBudget_IsReportedForNewPlacements()
    {
        // 60 km x 5 µs/km = 300 µs + 10 µs switching > 250 µs LTE budget.
        var pool = TestPools.Pool([TestPools.Node("a")], [TestPools.Cell("far", km: 60)]);
        pool.TryPlace(0, 0, 2, "x");
        var found = new List<ConstraintViolation>();
        ConstraintChecker.Check(pool, found);
        Assert.Contains(found, v => v.Constraint == "fronthaul");
        pool.ClearJournal();
        Assert.Equal(0, ConstraintChecker.Check(pool));
    }

    [Fact]
    public void CellOnFailedNode_IsImpossibleButDrainingIsFine()
    {
        var pool = TestPools.Pool([TestPools.Node("a"), TestPools.Node("b")], [TestPools.Cell("c1")]);
        pool.TryPlace(0, 0, 2, "x");
        pool.StartDrain(0);
        Assert.Equal(0, ConstraintChecker.Check(pool));
        pool.Fail(0);
        Assert.Equal(0, ConstraintChecker.Check(pool));
    }
}
