using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using BbuPool.Transport.Diagnostics;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.Dpdk;

/// <summary>
/// One DPDK port as a link. A send pins the caller's segments and hands them to the shim, which
/// copies them straight into mbufs (the only copy) and bursts them; a receive lets the shim copy the
/// next frame's fragments straight into a pooled buffer rented ahead (one call per frame).
/// </summary>
/// <remarks>
/// DPDK queues have no wake-up here: waiting spins, then yields (<see cref="PollBackoff"/>). Closing
/// sends a close fragment, so the peer's receive ends with <see cref="TransportClosedException"/>
/// after the frames sent before it.
/// </remarks>
internal sealed unsafe class DpdkLink : ITransportLink
{
    // Up to 8 segments are pinned without allocating arrays; a page batch is header + pages, rarely more.
    private const int InlineSegments = 8;

    private readonly DpdkPortHandle _port;
    private readonly IntPtr _raw;
    private readonly LinkStatistics _stats = new();
    private readonly ReceiveMode _mode;
    private readonly long _spinNanoseconds;
    private readonly MemoryHandle[] _pins = new MemoryHandle[InlineSegments];
    // 64 KiB: a page batch; frames up to this size never need a second call.
    private const int MinimumSpare = 64 * 1024;
    // memif: closing our port tears down the shared rings, so a close fragment still in them would be
    // lost; wait (at most 500 ms) for the peer to take it and drop the link.
    private const long LingerNanoseconds = 500_000_000;
    private readonly bool _lingerOnClose;
    private TransportFrame? _spare;
    private int _spareCapacity = MinimumSpare;
    private int _disposed;

    public DpdkLink(DpdkPortHandle port, string address, TransportOptions options, bool lingerOnClose = false)
    {
        _lingerOnClose = lingerOnClose;
        _port = port;
        var added = false;
        // One AddRef for the link's lifetime keeps the port alive while raw calls use the pointer.
        port.DangerousAddRef(ref added);
        _raw = port.DangerousGetHandle();
        _mode = options.ReceiveMode;
        _spinNanoseconds = (long)options.SpinDuration.TotalNanoseconds;
        MaxFrameLength = options.MaxFrameLength;
        RemoteAddress = "dpdk:" + address;
    }

    public TransportKind Kind => TransportKind.Dpdk;

    public string RemoteAddress { get; }

    public int MaxFrameLength { get; }

    public bool TrySend(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long length = 0;
        foreach (var segment in segments)
        {
            length += segment.Length;
        }

        if (length > MaxFrameLength)
        {
            throw new ArgumentException($"Frame of {length} bytes exceeds the link's maximum of {MaxFrameLength}.", nameof(segments));
        }

        var rc = segments.Length switch
        {
            // One or two segments (a frame, or header + pages) are pinned with `fixed`, which is
            // free; Memory.Pin would allocate a GCHandle per segment on every send.
            1 => SendOne(segments[0].Span),
            2 => SendTwo(segments[0].Span, segments[1].Span),
            _ => SendMany(segments),
        };

        if (rc < 0)
        {
            throw new TransportException($"DPDK send on {RemoteAddress} failed: {DpdkNative.LastError()}");
        }

        if (rc == 0)
        {
            return false;
        }

        _stats.OnSent((int)length);
        return true;
    }

    private int SendOne(ReadOnlySpan<byte> first)
    {
        fixed (byte* p0 = first)
        {
            var iov = new DpdkNative.Iovec { Base = p0, Length = (nuint)first.Length };
            return DpdkNative.SendFrame(_raw, &iov, 1, (ulong)_stats.SendTimestamp());
        }
    }

    private int SendTwo(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        fixed (byte* p0 = first)
        fixed (byte* p1 = second)
        {
            var iov = stackalloc DpdkNative.Iovec[2];
            iov[0] = new DpdkNative.Iovec { Base = p0, Length = (nuint)first.Length };
            iov[1] = new DpdkNative.Iovec { Base = p1, Length = (nuint)second.Length };
            return DpdkNative.SendFrame(_raw, iov, 2, (ulong)_stats.SendTimestamp());
        }
    }

    private int SendMany(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
    {
        var count = segments.Length;
        var pins = count <= InlineSegments ? _pins : new MemoryHandle[count];
        var iov = stackalloc DpdkNative.Iovec[InlineSegments];
        var iovs = count <= InlineSegments ? iov : (DpdkNative.Iovec*)NativeMemory.Alloc((nuint)count, (nuint)sizeof(DpdkNative.Iovec));
        try
        {
            for (var i = 0; i < count; i++)
            {
                pins[i] = segments[i].Pin();
                iovs[i].Base = pins[i].Pointer;
                iovs[i].Length = (nuint)segments[i].Length;
            }

            return DpdkNative.SendFrame(_raw, iovs, count, (ulong)_stats.SendTimestamp());
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                pins[i].Dispose();
            }

            if (iovs != iov)
            {
                NativeMemory.Free(iovs);
            }
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<ReadOnlyMemory<byte>> segments, CancellationToken cancellationToken = default)
    {
        var backoff = new PollBackoff(_mode, _spinNanoseconds);
        while (!TrySend(segments.Span))
        {
            backoff.Wait(cancellationToken);
        }

        return ValueTask.CompletedTask;
    }

    public bool TryReceive([NotNullWhen(true)] out TransportFrame? frame)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        frame = null;
        // One call per frame: the shim copies straight into a pooled buffer rented ahead at the
        // last frame's size (at least 64 KiB); a larger frame answers -2 with its length, unconsumed.
        _spare ??= TransportFrame.Rent(_spareCapacity, 0);
        var buffer = _spare.Buffer;
        uint length;
        ulong timestamp;
        int rc;
        fixed (byte* pointer = buffer)
        {
            rc = DpdkNative.RecvFrame(_raw, pointer, (uint)buffer.Length, &length, &timestamp);
        }

        switch (rc)
        {
            case 0:
                return false;
            case 1:
                frame = _spare;
                _spare = null;
                frame.SetReceived((int)length, (long)timestamp);
                _stats.OnReceived(frame.Length, frame.SentTimestampNanoseconds);
                return true;
            case -2:
                // Only at the start of a frame (nothing consumed yet): grow and retry at once.
                _spare.Dispose();
                _spareCapacity = (int)length;
                _spare = TransportFrame.Rent(_spareCapacity, 0);
                return TryReceive(out frame);
            case -3:
                throw new TransportClosedException($"DPDK peer {RemoteAddress} closed.");
            default:
                _spare.Dispose();
                _spare = null;
                throw new TransportException($"DPDK receive on {RemoteAddress} failed: {DpdkNative.LastError()}");
        }
    }

    public ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var backoff = new PollBackoff(_mode, _spinNanoseconds);
        TransportFrame? frame;
        var polls = 0;
        while (!TryReceive(out frame))
        {
            // Every 64K empty polls (~ms), look at the link: a memif peer that died, or an
            // af_packet/PCI cable that went down, never sends its close fragment.
            if ((++polls & 0xFFFF) == 0 && DpdkNative.LinkUp(_port) == 0)
            {
                throw new TransportClosedException($"DPDK link {RemoteAddress} went down (peer gone).");
            }

            backoff.Wait(cancellationToken);
        }

        return ValueTask.FromResult(frame);
    }

    public TransportLinkStats GetStats() => _stats.Snapshot();

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Tell the peer: a DPDK port has no end-of-stream. Bounded: a peer that stopped
            // draining must not hold up our close (4096 tries of a non-blocking burst).
            var sent = false;
            for (var i = 0; i < 4096 && !(sent = DpdkNative.SendClose(_raw) == 1); i++)
            {
                Thread.SpinWait(64);
            }

            if (sent && _lingerOnClose)
            {
                var until = MonotonicClock.NowNanoseconds() + LingerNanoseconds;
                while (DpdkNative.LinkUp(_port) == 1 && MonotonicClock.NowNanoseconds() < until)
                {
                    Thread.Sleep(1);
                }
            }

            _spare?.Dispose();
            _spare = null;
            _port.DangerousRelease();
            _port.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
