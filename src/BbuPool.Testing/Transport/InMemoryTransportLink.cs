using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using BbuPool.Transport;
using BbuPool.Transport.Diagnostics;

namespace BbuPool.Testing.Transport;

/// <summary>
/// One end of an in-memory link: frames are copied once into a pooled <see cref="TransportFrame"/>
/// and handed to the peer through a channel. <see cref="Sever"/> simulates a link failure.
/// </summary>
public sealed class InMemoryTransportLink : ITransportLink
{
    private readonly Channel<TransportFrame> _inbound;
    private readonly LinkStatistics _stats = new();
    private InMemoryTransportLink? _peer;
    private bool _inboundClosed;

    private InMemoryTransportLink(string remoteAddress, int maxFrameLength, int capacity)
    {
        RemoteAddress = remoteAddress;
        MaxFrameLength = maxFrameLength;
        _inbound = capacity == 0
            ? Channel.CreateUnbounded<TransportFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true })
            : Channel.CreateBounded<TransportFrame>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    /// <inheritdoc/>
    public TransportKind Kind => TransportKind.InMemory;

    /// <inheritdoc/>
    public string RemoteAddress { get; }

    /// <inheritdoc/>
    public int MaxFrameLength { get; }

    private InMemoryTransportLink Peer => _peer ?? throw new InvalidOperationException("Link not paired.");

    /// <summary>Fails both directions at once, as a cut cable would: pending and later calls on either end throw <see cref="TransportClosedException"/>.</summary>
    public void Sever()
    {
        var error = new TransportClosedException($"In-memory link '{RemoteAddress}' was severed.");
        Complete(error);
        Peer.Complete(error);
    }

    /// <inheritdoc/>
    public bool TrySend(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        var frame = Gather(segments);
        if (Peer._inbound.Writer.TryWrite(frame))
        {
            _stats.OnSent(frame.Length);
            return true;
        }

        frame.Dispose();
        ThrowIfClosed();
        return false;
    }

    /// <inheritdoc/>
    public async ValueTask SendAsync(ReadOnlyMemory<ReadOnlyMemory<byte>> segments, CancellationToken cancellationToken = default)
    {
        var frame = Gather(segments.Span);
        try
        {
            await Peer._inbound.Writer.WriteAsync(frame, cancellationToken);
            _stats.OnSent(frame.Length);
        }
        catch (ChannelClosedException ex)
        {
            frame.Dispose();
            throw new TransportClosedException($"In-memory link '{RemoteAddress}' is closed.", ex);
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public bool TryReceive([NotNullWhen(true)] out TransportFrame? frame)
    {
        if (_inbound.Reader.TryRead(out frame))
        {
            _stats.OnReceived(frame.Length, frame.SentTimestampNanoseconds);
            return true;
        }

        if (_inbound.Reader.Completion.IsCompleted)
        {
            throw new TransportClosedException($"In-memory link '{RemoteAddress}' is closed.");
        }

        return false;
    }

    /// <inheritdoc/>
    public async ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var frame = await _inbound.Reader.ReadAsync(cancellationToken);
            _stats.OnReceived(frame.Length, frame.SentTimestampNanoseconds);
            return frame;
        }
        catch (ChannelClosedException ex)
        {
            throw new TransportClosedException($"In-memory link '{RemoteAddress}' is closed.", ex);
        }
    }

    /// <inheritdoc/>
    public TransportLinkStats GetStats() => _stats.Snapshot();

    /// <summary>Closes this end: the peer drains what was sent, then gets <see cref="TransportClosedException"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Peer.Complete(null);
        Complete(null);
        while (_inbound.Reader.TryRead(out var left))
        {
            left.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    internal static (InMemoryTransportLink First, InMemoryTransportLink Second) CreatePair(int maxFrameLength, int capacity, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameLength);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var first = new InMemoryTransportLink(name + "#1", maxFrameLength, capacity);
        var second = new InMemoryTransportLink(name + "#0", maxFrameLength, capacity);
        first._peer = second;
        second._peer = first;
        return (first, second);
    }

    private void Complete(Exception? error)
    {
        Volatile.Write(ref _inboundClosed, true);
        _inbound.Writer.TryComplete(error);
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref Peer._inboundClosed))
        {
            throw new TransportClosedException($"In-memory link '{RemoteAddress}' is closed.");
        }
    }

    private TransportFrame Gather(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
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

        var frame = TransportFrame.Rent((int)length, _stats.SendTimestamp());
        var target = frame.Span;
        foreach (var segment in segments)
        {
            segment.Span.CopyTo(target);
            target = target[segment.Length..];
        }

        return frame;
    }
}
