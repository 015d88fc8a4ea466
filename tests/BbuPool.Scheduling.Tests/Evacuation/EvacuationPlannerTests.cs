using BbuPool.Scheduling.Evacuation;
using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Evacuation;

public class EvacuationPlannerTests
{
    [Fact]
    public void Priority_first_then_cheapest_migration_first()
    {
        var pool = TestPools.Create(
            [TestPools.X86("a")],
            [TestPools.LteCell("big-low", priority: 1), TestPools.LteCell("small-low", priority: 1), TestPools.GsmCell("voice", priority: 8)]);
        TestPools.SetLoad(pool, 0, 1.0);
        TestPools.SetLoad(pool, 1, 0.1);
        for (var c = 0; c < 3; c++)
        {
            Assert.True(pool.TryPlace(c, 0, pool.CoresNeeded(c, 0), "seed"));
        }

        var order = new EvacuationPlanner().Order(pool, 0);
        Assert.Equal([2, 1, 0], order);
    }
}
