namespace BbuPool.Transport;

/// <summary>A snapshot of one link's counters.</summary>
/// <param name="BytesSent">Payload bytes sent (frame headers excluded).</param>
/// <param name="FramesSent">Frames sent.</param>
/// <param name="BytesReceived">Payload bytes received.</param>
/// <param name="FramesReceived">Frames received.</param>
/// <param name="LatencyP50Nanoseconds">Median one-way latency of received frames: receive time minus the sender's
/// timestamp in the frame header, in nanoseconds (TimeSpan is too coarse: 100 ns ticks vs 0.1-0.3 us hand-offs). Meaningful when both ends share CLOCK_MONOTONIC (same host). Sampled: 1 frame in 16 is timed.</param>
/// <param name="LatencyP99Nanoseconds">99th percentile of the same one-way latency.</param>
public readonly record struct TransportLinkStats(
    long BytesSent,
    long FramesSent,
    long BytesReceived,
    long FramesReceived,
    long LatencyP50Nanoseconds,
    long LatencyP99Nanoseconds);
