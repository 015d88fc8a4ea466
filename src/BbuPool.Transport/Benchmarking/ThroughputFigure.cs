namespace BbuPool.Transport.Benchmarking;

/// <summary>
/// One throughput measurement over several rounds of <see cref="TotalBytes"/> in <see cref="FrameBytes"/>
/// frames: the best round (what the path does when the shared machine leaves it alone) and the median.
/// </summary>
/// <param name="Path">What moved the bytes: "dpdk_csharp", "dpdk_native_c", "shm", "tcp", "memcpy".</param>
/// <param name="FrameBytes">Frame size.</param>
/// <param name="TotalBytes">Bytes per round.</param>
/// <param name="BytesPerSecond">Best round.</param>
/// <param name="MedianBytesPerSecond">Median round.</param>
/// <param name="Rounds">Rounds measured (after one warm-up round).</param>
public sealed record ThroughputFigure(string Path, int FrameBytes, long TotalBytes, double BytesPerSecond, double MedianBytesPerSecond, int Rounds);
