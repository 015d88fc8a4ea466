namespace BbuPool.Transport.Diagnostics;

/// <summary>
/// The counters behind <see cref="ITransportLink.GetStats"/>, shared by every transport: the sending
/// thread updates the send side, the receiving thread the receive side and the latency histogram,
/// so no field has two writers and no interlocked operation sits on the hot path.
/// </summary>
public sealed class LinkStatistics
{
    private readonly LatencyHistogram _latency = new();
    private long _bytesSent;
    private long _framesSent;
    private long _bytesReceived;
    private long _framesReceived;

    /// <summary>
    /// One frame in 16 carries a send timestamp (the others carry 0 and are not timed): a clock read
    /// costs ~55 ns here (kvm-clock), 8 % of an 8 KiB frame's 0.7 us, and 1 in 16 still gives
    /// thousands of samples per second on a busy link and a sample every 16 messages on a quiet one.
    /// </summary>
    public const int LatencySampleEvery = 16;

    /// <summary>The one-way latency histogram (nanoseconds).</summary>
    public LatencyHistogram Latency => _latency;

    /// <summary>The timestamp to put in the next frame's header: the monotonic clock for every 16th frame, else 0 (not timed).</summary>
    public long SendTimestamp() => (_framesSent & (LatencySampleEvery - 1)) == 0 ? MonotonicClock.NowNanoseconds() : 0;

    /// <summary>Counts one sent frame of <paramref name="bytes"/> payload bytes.</summary>
    public void OnSent(int bytes)
    {
        Volatile.Write(ref _bytesSent, _bytesSent + bytes);
        Volatile.Write(ref _framesSent, _framesSent + 1);
    }

    /// <summary>Counts one received frame and records its one-way latency from the sender's timestamp (0: unknown).</summary>
    public void OnReceived(int bytes, long sentTimestampNanoseconds)
    {
        Volatile.Write(ref _bytesReceived, _bytesReceived + bytes);
        Volatile.Write(ref _framesReceived, _framesReceived + 1);
        if (sentTimestampNanoseconds != 0)
        {
            _latency.Record(MonotonicClock.NowNanoseconds() - sentTimestampNanoseconds);
        }
    }

    /// <summary>A snapshot for <see cref="ITransportLink.GetStats"/>.</summary>
    public TransportLinkStats Snapshot() => new(
        Volatile.Read(ref _bytesSent),
        Volatile.Read(ref _framesSent),
        Volatile.Read(ref _bytesReceived),
        Volatile.Read(ref _framesReceived),
        _latency.Percentile(50),
        _latency.Percentile(99));
}
