using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;

namespace BbuPool.Migration.Tests.Benchmarking;

/// <summary>Hand-made cells and reports for the aggregation and writer tests.</summary>
internal static class Synthetic
{
    public static MigrationCellResult Cell(MigrationMethod method, int sizeMiB, double load, double downtimeP99 = 10, long missed = 0, double totalMs = 5, int committed = 50) => new()
    {
        Method = method,
        SizeMiB = sizeMiB,
        Load = load,
        Planned = 50,
        Runs = 50,
        Committed = committed,
        TotalMsP50 = committed > 0 ? totalMs : double.NaN,
        TotalMsP99 = committed > 0 ? totalMs * 1.2 : double.NaN,
        DowntimeUsP50 = committed > 0 ? downtimeP99 / 2 : double.NaN,
        DowntimeUsP99 = committed > 0 ? downtimeP99 : double.NaN,
        BytesOnWire = sizeMiB * 1048576.0,
        MissedTtis = missed,
        Rounds = 3,
        MeasuredBytesPerSecond = 5e9,
        DirtyBytesPerSecond = 1e8,
    };

    /// <summary>A report; unless <paramref name="stateLink"/> says otherwise, every cell's size moves at the peak rate.</summary>
    public static MigrationBenchmarkReport Report(IReadOnlyList<MigrationCellResult> cells, double linkBytesPerSecond = 10e9, IReadOnlyList<ConvergencePoint>? curve = null, IReadOnlyDictionary<int, double>? stateLink = null) => new()
    {
        Transport = "synthetic",
        Mode = "test",
        StartedUtc = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        LoadAverageStart = "1.00 1.00 1.00",
        LoadAverageEnd = "2.00 1.00 1.00",
        LinkBytesPerSecond = linkBytesPerSecond,
        StateLinkBytesPerSecond = stateLink ?? (linkBytesPerSecond > 0 ? cells.Select(c => c.SizeMiB).Distinct().ToDictionary(s => s, _ => linkBytesPerSecond) : new Dictionary<int, double>()),
        Cells = cells,
        Convergence = curve ?? [],
        Seconds = 12.5,
    };
}
