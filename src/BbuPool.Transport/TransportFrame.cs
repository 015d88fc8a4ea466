using System.Buffers;

namespace BbuPool.Transport;

/// <summary>
/// One received frame: in a pooled buffer, or (<see cref="ITransportLink.ReceiveInPlaceAsync"/>)
/// in the link's own receive memory, lent until the frame is disposed. The receiver owns it and
/// must dispose it exactly once, which returns the buffer to the transports' frame pool or the
/// memory to the link; <see cref="Memory"/> must not be used after that.
/// </summary>
public sealed unsafe class TransportFrame : MemoryManager<byte>, IMemoryOwner<byte>
{
    // Frames are rented by a link's receive thread and returned by whichever thread consumed them.
    // ArrayPool.Shared parks a returned array in the returning thread's local slot first, where the
    // receive thread does not look: a 64 MiB migration allocated ~10 fresh 256-512 KiB frame
    // buffers (GC allocation ticks by size). A pool without thread-local slots serves every
    // thread; 64 arrays per size covers an in-memory link's 64-frame queue.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(4 << 20, 64);

    private byte[]? _buffer;
    private readonly byte* _lent;
    private readonly IFrameLender? _lender;
    private readonly long _lease;
    private int _length;
    private int _disposed;

    private TransportFrame(byte[] buffer, int length, long sentTimestampNanoseconds)
    {
        _buffer = buffer;
        _length = length;
        SentTimestampNanoseconds = sentTimestampNanoseconds;
    }

    private TransportFrame(byte* data, int length, long sentTimestampNanoseconds, IFrameLender lender, long lease)
    {
        _lent = data;
        _length = length;
        _lender = lender;
        _lease = lease;
        SentTimestampNanoseconds = sentTimestampNanoseconds;
    }

    /// <summary>The frame's payload, exactly <see cref="Length"/> bytes (writable: the receiver owns it).</summary>
    public override Memory<byte> Memory
    {
        get
        {
            ThrowIfDisposed();
            return _buffer is { } buffer ? new Memory<byte>(buffer, 0, _length) : CreateMemory(_length);
        }
    }

    /// <summary>The payload as a span, for synchronous readers.</summary>
    public Span<byte> Span => GetSpan();

    /// <summary>The payload length in bytes.</summary>
    public int Length => _length;

    /// <summary>True when the payload is the link's own memory, lent until this frame is disposed.</summary>
    public bool IsLent => _lender is not null;

    /// <summary>The sender's CLOCK_MONOTONIC time in nanoseconds when it sent the frame; 0 when the frame was not timed (senders time 1 frame in 16).</summary>
    public long SentTimestampNanoseconds { get; internal set; }

    /// <summary>Rents a frame of <paramref name="length"/> bytes for a transport to fill; for transport implementations.</summary>
    public static TransportFrame Rent(int length, long sentTimestampNanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new TransportFrame(Pool.Rent(Math.Max(length, 1)), length, sentTimestampNanoseconds);
    }

    /// <summary>A frame over <paramref name="length"/> bytes of a link's memory at <paramref name="data"/>, handed back to <paramref name="lender"/> on dispose.</summary>
    internal static TransportFrame Lend(byte* data, int length, long sentTimestampNanoseconds, IFrameLender lender, long lease) =>
        new(data, length, sentTimestampNanoseconds, lender, lease);

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

    /// <inheritdoc/>
    public override Span<byte> GetSpan()
    {
        ThrowIfDisposed();
        return _buffer is { } buffer ? buffer.AsSpan(0, _length) : new Span<byte>(_lent, _length);
    }

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)_length, nameof(elementIndex));
        ThrowIfDisposed();
        // A lent frame is native memory already; a pooled array is pinned for the handle's life.
        if (_buffer is { } buffer)
        {
            var handle = System.Runtime.InteropServices.GCHandle.Alloc(buffer, System.Runtime.InteropServices.GCHandleType.Pinned);
            return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle);
        }

        return new MemoryHandle(_lent + elementIndex);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
        // Nothing to release: the handle from Pin owns the GC pin.
    }

    /// <summary>Returns the buffer to the pool or the memory to its link; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_lender is { } lender)
        {
            lender.Return(_lease);
        }
        else if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            Pool.Return(buffer);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => Dispose();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
