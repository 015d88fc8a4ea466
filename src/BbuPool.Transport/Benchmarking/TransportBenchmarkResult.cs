namespace BbuPool.Transport.Benchmarking;

/// <summary>Everything one `bbupool bench transport` run measured, all in the same process and run.</summary>
/// <param name="Throughput">Throughput figures by path and frame size.</param>
/// <param name="Latency">Ping-pong latency figures by path.</param>
/// <param name="DpdkUnavailableReason">Why the DPDK rows are missing, or null when they were measured.</param>
/// <param name="SenderCpu">The CPU the sending (or pinging) thread was pinned to.</param>
/// <param name="ReceiverCpu">The CPU the receiving (or echoing) thread was pinned to.</param>
/// <param name="FifoPriority">SCHED_FIFO priority asked for the measuring threads (0: normal scheduling).</param>
public sealed record TransportBenchmarkResult(
    IReadOnlyList<ThroughputFigure> Throughput,
    IReadOnlyList<LatencyFigure> Latency,
    string? DpdkUnavailableReason,
    int SenderCpu,
    int ReceiverCpu,
    int FifoPriority)
{
    /// <summary>The throughput of <paramref name="path"/> at <paramref name="frameBytes"/>, or null.</summary>
    public double? BytesPerSecond(string path, int frameBytes)
        => Throughput.FirstOrDefault(f => f.Path == path && f.FrameBytes == frameBytes)?.BytesPerSecond;

    /// <summary>The latency figure of <paramref name="path"/>, or null.</summary>
    public LatencyFigure? LatencyOf(string path) => Latency.FirstOrDefault(f => f.Path == path);

    /// <summary>numerator / denominator throughput at one frame size, or null when either is missing.</summary>
    public double? ThroughputRatio(string numerator, string denominator, int frameBytes)
        => BytesPerSecond(numerator, frameBytes) is { } n && BytesPerSecond(denominator, frameBytes) is { } d && d > 0 ? n / d : null;
}
