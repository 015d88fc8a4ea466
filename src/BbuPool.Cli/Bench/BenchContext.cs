using Spectre.Console;

namespace BbuPool.Cli.Bench;

/// <summary>What every benchmark gets from the command line.</summary>
/// <param name="Quick">`--quick`: a run under 30 s with fewer repetitions and sizes.</param>
/// <param name="JsonPath">`--json FILE`: where to write the figures (names fixed by the issues).</param>
/// <param name="Redis">`--redis HOST:PORT` when the benchmark talks to Redis, else null.</param>
/// <param name="Extra">Remaining `--key value` options, for benchmark-specific flags.</param>
/// <param name="Console">Where tables and progress go.</param>
public sealed record BenchContext(
    bool Quick,
    string? JsonPath,
    string? Redis,
    IReadOnlyDictionary<string, string> Extra,
    IAnsiConsole Console);
