using System.Buffers;

namespace BbuPool.Transport;

/// <summary>
/// One received frame in a pooled buffer. The receiver owns it and must dispose it exactly once,
/// which returns the buffer to the transports' frame pool; <see cref="Memory"/> must not be
/// used after that.
/// </summary>
public sealed class TransportFrame : IMemoryOwner<byte>
{
    // Frames are rented by a link's receive thread and returned by whichever thread consumed them.
    // ArrayPool.Shared parks a returned array in the returning thread's local slot first, where the
    // receive thread does not look: a 64 MiB migration allocated ~10 fresh 256-512 KiB frame
    // buffers (GC allocation ticks by size). A pool without thread-local slots serves every
    // thread; 64 arrays per size covers an in-memory link's 64-frame queue.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(4 << 20, 64);

    private byte[]? _buffer;
    private int _length;

    private TransportFrame(byte[] buffer, int length, long sentTimestampNanoseconds)
    {
        _buffer = buffer;
        _length = length;
        SentTimestampNanoseconds = sentTimestampNanoseconds;
    }

    /// <summary>The frame's payload, exactly <see cref="Length"/> bytes (writable: the receiver owns it).</summary>
    public Memory<byte> Memory => new(_buffer ?? throw new ObjectDisposedException(nameof(TransportFrame)), 0, _length);

    /// <summary>The payload as a span, for synchronous readers.</summary>
    public Span<byte> Span => Memory.Span;

    /// <summary>The payload length in bytes.</summary>
    public int Length => _length;

    /// <summary>The sender's CLOCK_MONOTONIC time in nanoseconds when it sent the frame; 0 when the frame was not timed (senders time 1 frame in 16).</summary>
    public long SentTimestampNanoseconds { get; internal set; }

    /// <summary>Rents a frame of <paramref name="length"/> bytes for a transport to fill; for transport implementations.</summary>
    public static TransportFrame Rent(int length, long sentTimestampNanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new TransportFrame(Pool.Rent(Math.Max(length, 1)), length, sentTimestampNanoseconds);
    }

    /// <summary>The whole pooled array (at least <see cref="Length"/> bytes), for a transport that fills it before it knows the length.</summary>
    internal byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(TransportFrame));

    /// <summary>Sets the payload length after a transport filled <see cref="Buffer"/>.</summary>
    internal void SetReceived(int length, long sentTimestampNanoseconds)
    {
        if ((uint)length > (uint)Buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        _length = length;
        SentTimestampNanoseconds = sentTimestampNanoseconds;
    }

    /// <summary>Returns the buffer to the pool; later calls do nothing.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            Pool.Return(buffer);
        }
    }
}
