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

    /// <summary>The one-way latency histogram (nanoseconds).</summary>
    public LatencyHistogram Latency => _latency;

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
