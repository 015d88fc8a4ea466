namespace BbuPool.Migration.Benchmarking;

/// <summary>Where a migration benchmark run stands, for a progress bar.</summary>
/// <param name="Phase">"link", "control", "warm-up", "cell" or "done".</param>
/// <param name="CellIndex">Cells finished before this report.</param>
/// <param name="CellCount">Cells in the plan.</param>
/// <param name="Cell">The cell running (default in the link and warm-up phases).</param>
/// <param name="Repetition">Migrations finished in the cell.</param>
/// <param name="Finished">The cell's figures when it just finished, else null.</param>
public sealed record MigrationBenchmarkProgress(string Phase, int CellIndex, int CellCount, BenchmarkCell Cell, int Repetition, MigrationCellResult? Finished);
