using System.Diagnostics.CodeAnalysis;
using BbuPool.Transport.Diagnostics;

namespace BbuPool.Transport.SharedMemory;

/// <summary>
/// One end of a shm link: writes its outbound ring, reads its inbound ring. Sends copy the
/// gathered segments straight into the ring's slots (the only copy); receives copy a frame out
/// into a pooled buffer and free its slots at once, or (<see cref="ReceiveInPlaceAsync"/>) lend
/// the slots themselves until the frame is disposed.
/// </summary>
/// <remarks>
/// Waiting happens on the calling thread (spin, then a futex in hybrid mode), because the wake-up
/// must come from another process: call <see cref="ReceiveAsync"/> from a dedicated receive thread.
/// Dispose only after the sending and receiving threads stopped using the link. Frames still
/// lent then keep the mapping until the last of them is disposed.
/// </remarks>
internal sealed class SharedMemoryLink : ITransportLink, IFrameLender
{
    private readonly SharedMemoryRegion _region;
    private readonly SpscRing _outbound;
    private readonly SpscRing _inbound;
    private readonly LinkStatistics _stats = new();
    private readonly ReceiveMode _mode;
    private readonly long _spinNanoseconds;
    private int _disposed;
    private int _framesLent;
    private int _unmapped;

    public SharedMemoryLink(SharedMemoryRegion region, bool isListener, string address, TransportOptions options)
    {
        _region = region;
        _outbound = isListener ? region.ListenerToConnector : region.ConnectorToListener;
        _inbound = isListener ? region.ConnectorToListener : region.ListenerToConnector;
        _mode = options.ReceiveMode;
        _outbound.DeclareProducer(_mode);
        _inbound.DeclareConsumer(_mode);
        Func<bool> peerGone = () => !Interop.LibC.ProcessAlive(region.PeerPid(isListener));
        _outbound.PeerGone = peerGone;
        _inbound.PeerGone = peerGone;
        _spinNanoseconds = (long)options.SpinDuration.TotalNanoseconds;
        RemoteAddress = "shm:" + address + (isListener ? "#connector" : "#listener");
        MaxFrameLength = (int)Math.Min(options.MaxFrameLength, _outbound.MaxPayload);
    }

    public TransportKind Kind => TransportKind.Shm;

    public string RemoteAddress { get; }

    public int MaxFrameLength { get; }

    public bool TrySend(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        var length = LengthOf(segments);
        ThrowIfSendClosed();
        if (!_outbound.TryWrite(segments, length, _stats.SendTimestamp()))
        {
            return false;
        }

        _stats.OnSent(length);
        return true;
    }

    public ValueTask SendAsync(ReadOnlyMemory<ReadOnlyMemory<byte>> segments, CancellationToken cancellationToken = default)
    {
        var span = segments.Span;
        var length = LengthOf(span);
        while (true)
        {
            ThrowIfSendClosed();
            if (_outbound.TryWrite(span, length, _stats.SendTimestamp()))
            {
                _stats.OnSent(length);
                return ValueTask.CompletedTask;
            }

            WaitForRoom(_outbound.SlotsFor(length), cancellationToken);
        }
    }

    public ValueTask<int> SendInPlaceAsync(int maxLength, FrameFill fill, object? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if ((uint)maxLength > (uint)MaxFrameLength)
        {
            throw new ArgumentException($"Frame of up to {maxLength} bytes exceeds the link's maximum of {MaxFrameLength}.", nameof(maxLength));
        }

        while (true)
        {
            ThrowIfSendClosed();
            if (_outbound.TryWriteInPlace(maxLength, fill, state, _stats.SendTimestamp(), out var length, out var needed))
            {
                _stats.OnSent(length);
                return ValueTask.FromResult(length);
            }

            WaitForRoom(needed, cancellationToken);
        }
    }

    public ValueTask DrainAsync(CancellationToken cancellationToken = default)
    {
        // Room for every slot is an empty ring: the consumer has read all we wrote.
        ThrowIfSendClosed();
        WaitForRoom(_outbound.SlotCount, cancellationToken);

        return ValueTask.CompletedTask;
    }

    public bool TryReceive([NotNullWhen(true)] out TransportFrame? frame) => TryReceive(inPlace: false, out frame);

    public ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken = default) => Receive(inPlace: false, cancellationToken);

    public ValueTask<TransportFrame> ReceiveInPlaceAsync(CancellationToken cancellationToken = default) => Receive(inPlace: true, cancellationToken);

    void IFrameLender.Return(long lease)
    {
        _inbound.Return(lease);
        // Its return above was the ring's last access for this frame.
        ReleaseLent();
    }

    private bool TryReceive(bool inPlace, [NotNullWhen(true)] out TransportFrame? frame)
    {
        if (!inPlace)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return TryTake(inPlace: false, out frame);
        }

        // Counted before the dispose check and held over every access to the ring, so a dispose
        // from then on leaves the mapping to the last count released.
        Interlocked.Increment(ref _framesLent);
        frame = null;
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return TryTake(inPlace: true, out frame);
        }
        finally
        {
            // A lent frame keeps the count until it comes back (IFrameLender.Return).
            if (frame is not { IsLent: true })
            {
                ReleaseLent();
            }
        }
    }

    private bool TryTake(bool inPlace, [NotNullWhen(true)] out TransportFrame? frame)
    {
        frame = inPlace ? _inbound.TryLease(this) : _inbound.TryRead();
        if (frame is not null)
        {
            _stats.OnReceived(frame.Length, frame.SentTimestampNanoseconds);
            return true;
        }

        if (_inbound.ProducerClosed && !_inbound.HasData())
        {
            throw new TransportClosedException($"Shared-memory peer {RemoteAddress} closed.");
        }

        return false;
    }

    private ValueTask<TransportFrame> Receive(bool inPlace, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReceive(inPlace, out var frame))
            {
                return ValueTask.FromResult(frame);
            }

            if (!_inbound.WaitForData(_mode, _spinNanoseconds, cancellationToken))
            {
                throw new TransportClosedException($"Shared-memory peer {RemoteAddress} closed or died.");
            }
        }
    }

    public TransportLinkStats GetStats() => _stats.Snapshot();

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _outbound.CloseProducer();
            _inbound.CloseConsumer();
            if (Volatile.Read(ref _framesLent) == 0)
            {
                Unmap();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Releases one count of <see cref="_framesLent"/>; the last one after a dispose unmaps.</summary>
    private void ReleaseLent()
    {
        if (Interlocked.Decrement(ref _framesLent) == 0 && Volatile.Read(ref _disposed) != 0)
        {
            Unmap();
        }
    }

    private void Unmap()
    {
        // Both the dispose and the last return can see the other's write: one unmaps.
        if (Interlocked.Exchange(ref _unmapped, 1) == 0)
        {
            _region.Dispose();
        }
    }

    /// <summary>Waits until <paramref name="slots"/> slots are free; throws when the peer closed or died meanwhile.</summary>
    private void WaitForRoom(int slots, CancellationToken cancellationToken)
    {
        if (!_outbound.WaitForRoom(slots, _mode, _spinNanoseconds, cancellationToken))
        {
            throw new TransportClosedException($"Shared-memory peer {RemoteAddress} closed or died.");
        }
    }

    private void ThrowIfSendClosed()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_outbound.ConsumerClosed)
        {
            throw new TransportClosedException($"Shared-memory peer {RemoteAddress} closed.");
        }
    }

    private int LengthOf(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        long length = 0;
        foreach (var segment in segments)
        {
            length += segment.Length;
        }

        if (length > MaxFrameLength)
        {
            throw new ArgumentException($"Frame of {length} bytes exceeds the link's maximum of {MaxFrameLength}.", nameof(segments));
        }

        return (int)length;
    }
}
