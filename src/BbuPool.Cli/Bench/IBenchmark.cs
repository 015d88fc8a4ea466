namespace BbuPool.Cli.Bench;

/// <summary>
/// One `bbupool bench NAME` figure set. Implementations live one per file in this folder and are
/// found by reflection at start-up, so adding a benchmark touches no shared file.
/// </summary>
public interface IBenchmark
{
    /// <summary>The verb after `bench` (for example "transport").</summary>
    string Name { get; }

    /// <summary>One line for `bbupool bench --help`.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark, prints a table with ratios, writes the JSON when asked; returns the exit code.</summary>
    Task<int> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
