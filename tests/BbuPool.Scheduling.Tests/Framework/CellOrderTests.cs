using BbuPool.Scheduling.Tests.Support;

namespace BbuPool.Scheduling.Tests.Framework;

public class CellOrderTests
{
    [Fact]
    public void Orders_by_priority_then_cores_descending_then_index()
    {
        var cells = Enumerable.Range(0, 12)
            .Select(i => i % 3 == 0 ? TestPools.GsmCell($"g{i}", site: $"s{i}") : TestPools.LteCell($"l{i}", site: $"s{i}"))
            .ToList();
        var pool = TestPools.Create([TestPools.X86("n0")], cells);
        for (var c = 0; c < pool.CellCount; c++)
        {
            TestPools.SetLoad(pool, c, 0.1 + (0.07 * c));
        }

        var order = Enumerable.Range(0, pool.CellCount).Reverse().ToList();
        CellOrder.ByPriorityThenSize(pool, order);
        var expected = Enumerable.Range(0, pool.CellCount)
            .OrderByDescending(c => pool.Cell(c).Priority)
            .ThenByDescending(c => pool.Demand(c).Cores)
            .ThenBy(c => c)
            .ToList();
        Assert.Equal(expected, order);
    }
}
