using BbuPool.Core.Migration;

namespace BbuPool.Migration.Benchmarking;

/// <summary>One (method, size, load) cell of the migration benchmark and the migrations planned for it.</summary>
/// <param name="Method">Method.</param>
/// <param name="SizeMiB">State size in MiB.</param>
/// <param name="Load">Load 0..1.</param>
/// <param name="Repetitions">Migrations planned (0: the options' count for the size).</param>
public readonly record struct BenchmarkCell(MigrationMethod Method, int SizeMiB, double Load, int Repetitions = 0);
