using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BbuPool.Core.Pool;
using BbuPool.Core.Scheduling;
using BbuPool.Scheduling;
using BbuPool.Scheduling.Baseline;
using BbuPool.Scheduling.Benchmarking;

namespace BbuPool.Benchmarks.Scheduling;

/// <summary>
/// The scheduler engine at issue 4's size: `--filter *SchedulerBenchmarks*`. FullPlacement places
/// 10,000 cells on 1,000 empty nodes (pool built in IterationSetup, not timed); IncrementalDecision
/// is one framework cycle after one cell's load change (MemoryDiagnoser shows it allocates nothing).
/// Each has the FFD baseline beside it in its category (Ratio column): the FFD scheduler's full
/// placement of the same pool, and its first-fit scan for the same cell.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SchedulerBenchmarks
{
    private PoolState _empty = null!;
    private PoolState _placed = null!;
    private FrameworkScheduler _scheduler = null!;
    private Core.Cost.CellDemand[] _demands = [];
    private int[] _cells = [];
    private int _next;

    [Params(1000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _placed = SyntheticPool.Create(Nodes, Nodes * 10);
        _scheduler = new FrameworkScheduler(_placed.Policy);
        _scheduler.PlaceAll(_placed, 1);
        var rng = new Random(7);
        _cells = [.. Enumerable.Range(0, 4096).Select(_ => rng.Next(_placed.CellCount))];
        _demands = [.. _cells.Select(c => SyntheticPool.DemandAt(_placed, c, 0.2 + (0.6 * rng.NextDouble())))];
    }

    [IterationSetup(Targets = [nameof(FullPlacement), nameof(FullPlacementFfd)])]
    public void NewPool() => _empty = SyntheticPool.Create(Nodes, Nodes * 10);

    [Benchmark]
    [BenchmarkCategory("full")]
    public int FullPlacement() => new FrameworkScheduler(_empty.Policy).PlaceAll(_empty, 1);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("full")]
    public int FullPlacementFfd()
    {
        new FirstFitDecreasingScheduler().Schedule(_empty, new SchedulingContext(0, 1, false, []));
        return _empty.Journal.Count;
    }

    [Benchmark]
    [BenchmarkCategory("incremental")]
    public int IncrementalDecision()
    {
        var i = _next++ & 4095;
        _placed.SetDemand(_cells[i], _demands[i]);
        return _scheduler.Placer.SelectMove(_cells[i]).Node;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("incremental")]
    public int IncrementalDecisionFfd()
    {
        var i = _next++ & 4095;
        var cell = _cells[i];
        _placed.SetDemand(cell, _demands[i]);
        for (var n = 0; n < _placed.NodeCount; n++)
        {
            if (n != _placed.NodeOf(cell) && FirstFitDecreasingScheduler.Feasible(_placed, cell, n) &&
                _placed.CoresOfNode(n).LargestFreeNuma() >= _placed.CoresNeeded(cell, n))
            {
                return n;
            }
        }

        return -1;
    }
}
