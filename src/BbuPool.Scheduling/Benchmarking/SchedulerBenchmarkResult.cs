namespace BbuPool.Scheduling.Benchmarking;

/// <summary>Figures of one `bbupool bench scheduler` run (names as in issue 4).</summary>
/// <param name="Nodes">Nodes in the pool.</param>
/// <param name="Cells">Cells in the pool.</param>
/// <param name="FullPlacementMs">Median time to place every cell on the empty pool (framework).</param>
/// <param name="FullPlacementBaselineMs">Median time for the FFD baseline to place them (same pool, same run).</param>
/// <param name="PlacedCells">Cells the framework placed.</param>
/// <param name="PlacedCellsBaseline">Cells the baseline placed.</param>
/// <param name="NodesUsed">Nodes holding at least one cell after the framework's placement.</param>
/// <param name="NodesUsedBaseline">Nodes holding at least one cell after the baseline's placement.</param>
/// <param name="IncrementalP50Us">Median time of one incremental decision after one cell's load change.</param>
/// <param name="IncrementalP99Us">99th percentile of the same.</param>
/// <param name="IncrementalAllocatedBytes">Bytes allocated per decision.</param>
/// <param name="IncrementalBaselineP99Us">99th percentile of the baseline's first-fit scan for the same cells.</param>
/// <param name="Decisions">Decisions timed.</param>
/// <param name="StepUnchangedUs">Median time of a whole Schedule() step when no load changed.</param>
/// <param name="BindAllocatedBytes">Bytes allocated per in-place resize through PoolState (0 since core ids live in its flat table).</param>
/// <param name="FullPlacementCpuMs">Median process CPU time of the same full placements: on a shared machine wall time also counts the time other processes held the cores.</param>
public sealed record SchedulerBenchmarkResult(
    int Nodes,
    int Cells,
    double FullPlacementMs,
    double FullPlacementBaselineMs,
    int PlacedCells,
    int PlacedCellsBaseline,
    int NodesUsed,
    int NodesUsedBaseline,
    double IncrementalP50Us,
    double IncrementalP99Us,
    double IncrementalAllocatedBytes,
    double IncrementalBaselineP99Us,
    int Decisions,
    double StepUnchangedUs,
    double BindAllocatedBytes,
    double FullPlacementCpuMs);
