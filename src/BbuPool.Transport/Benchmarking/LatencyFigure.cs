namespace BbuPool.Transport.Benchmarking;

/// <summary>One ping-pong measurement: one-way latency = round trip / 2, over <see cref="Iterations"/> round trips.</summary>
/// <param name="Path">"dpdk_csharp", "dpdk_native_c", "shm" or "tcp".</param>
/// <param name="FrameBytes">Frame size.</param>
/// <param name="P50Nanoseconds">Median one-way latency.</param>
/// <param name="P99Nanoseconds">99th percentile one-way latency.</param>
/// <param name="Iterations">Round trips measured (after a warm-up).</param>
public sealed record LatencyFigure(string Path, int FrameBytes, double P50Nanoseconds, double P99Nanoseconds, int Iterations);
