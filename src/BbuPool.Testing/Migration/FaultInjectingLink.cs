using System.Diagnostics.CodeAnalysis;
using BbuPool.Transport;
using BbuPool.Wire.Frames;

namespace BbuPool.Testing.Migration;

/// <summary>
/// Wraps a link and applies a fault to chosen outgoing frames, by migration frame type and
/// ordinal, so tests (and vendors' integration suites) can kill, corrupt or drop any step of a
/// migration. <see cref="Sever"/> kills the link at any moment from outside.
/// </summary>
public sealed class FaultInjectingLink : ITransportLink
{
    private readonly ITransportLink _inner;
    private readonly Func<FrameType, int, LinkFault> _plan;
    private readonly Action _sever;
    private readonly int[] _counts = new int[256];
    private volatile bool _severed;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The real link.</param>
    /// <param name="plan">Per outgoing frame: its envelope type and how many of that type went before; returns the fault.</param>
    /// <param name="sever">How to kill the underlying link for both ends (for the in-memory pair: Sever()).</param>
    public FaultInjectingLink(ITransportLink inner, Func<FrameType, int, LinkFault> plan, Action sever)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _sever = sever ?? throw new ArgumentNullException(nameof(sever));
    }

    /// <summary>Frames sent per envelope type so far.</summary>
    public int SentOf(FrameType type) => Volatile.Read(ref _counts[(byte)type]);

    /// <inheritdoc />
    public TransportKind Kind => _inner.Kind;

    /// <inheritdoc />
    public string RemoteAddress => _inner.RemoteAddress;

    /// <inheritdoc />
    public int MaxFrameLength => _inner.MaxFrameLength;

    /// <summary>Kills the link now.</summary>
    public void Sever()
    {
        _severed = true;
        _sever();
    }

    /// <inheritdoc />
    public bool TrySend(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        var (fault, bytes) = Decide(segments);
        return fault switch
        {
            LinkFault.Drop => true,
            LinkFault.Corrupt => _inner.TrySend(bytes),
            _ => _inner.TrySend(segments),
        };
    }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<ReadOnlyMemory<byte>> segments, CancellationToken cancellationToken = default)
    {
        var (fault, bytes) = Decide(segments.Span);
        return fault switch
        {
            LinkFault.Drop => ValueTask.CompletedTask,
            LinkFault.Corrupt => _inner.SendAsync(bytes, cancellationToken),
            _ => _inner.SendAsync(segments, cancellationToken),
        };
    }

    /// <inheritdoc />
    public ValueTask DrainAsync(CancellationToken cancellationToken = default) =>
        _severed ? throw new TransportClosedException("Link severed.") : _inner.DrainAsync(cancellationToken);

    /// <inheritdoc />
    public bool TryReceive([NotNullWhen(true)] out TransportFrame? frame) => _inner.TryReceive(out frame);

    /// <inheritdoc />
    public ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken = default) => _inner.ReceiveAsync(cancellationToken);

    /// <inheritdoc />
    public TransportLinkStats GetStats() => _inner.GetStats();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private (LinkFault Fault, ReadOnlyMemory<byte> Bytes) Decide(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        if (_severed)
        {
            throw new TransportClosedException("Link severed by fault injection.");
        }

        var first = segments.Length > 0 ? segments[0].Span : default;
        var type = first.Length > 5 ? (FrameType)first[5] : FrameType.None;
        int ordinal = Interlocked.Increment(ref _counts[(byte)type]) - 1;
        var fault = _plan(type, ordinal);
        switch (fault)
        {
            case LinkFault.Sever:
                Sever();
                throw new TransportClosedException("Link severed by fault injection.");
            case LinkFault.Corrupt:
                int length = 0;
                foreach (var s in segments)
                {
                    length += s.Length;
                }

                var copy = new byte[length];
                int at = 0;
                foreach (var s in segments)
                {
                    s.Span.CopyTo(copy.AsSpan(at));
                    at += s.Length;
                }

                // Flip a body byte (past the 16-byte envelope) so only the CRC can tell.
                copy[Math.Min(copy.Length - 1, FrameEnvelope.HeaderSize + 1)] ^= 0x5A;
                return (fault, copy);
            default:
                return (fault, default);
        }
    }
}
