using BenchmarkDotNet.Attributes;
using BbuPool.Core.Pool;
using BbuPool.Scheduling;
using BbuPool.Scheduling.Benchmarking;

namespace BbuPool.Benchmarks.Scheduling;

/// <summary>
/// The scheduler engine at issue 4's size: `--filter *SchedulerBenchmarks*`. FullPlacement places
/// 10,000 cells on 1,000 empty nodes (pool built in IterationSetup, not timed); IncrementalDecision
/// is one framework cycle after one cell's load change (MemoryDiagnoser shows it allocates nothing).
/// </summary>
[MemoryDiagnoser]
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

    [IterationSetup(Target = nameof(FullPlacement))]
    public void NewPool() => _empty = SyntheticPool.Create(Nodes, Nodes * 10);

    [Benchmark]
    public int FullPlacement() => new FrameworkScheduler(_empty.Policy).PlaceAll(_empty, 1);

    [Benchmark]
    public int IncrementalDecision()
    {
        var i = _next++ & 4095;
        _placed.SetDemand(_cells[i], _demands[i]);
        return _scheduler.Placer.SelectMove(_cells[i]).Node;
    }
}
