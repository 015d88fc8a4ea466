using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using BbuPool.Transport.Diagnostics;
using BbuPool.Transport.Threading;

namespace BbuPool.Transport.Dpdk;

/// <summary>
/// One DPDK port as a link. A send pins the caller's segments and hands them to the shim, which
/// copies them straight into mbufs (the only copy) and bursts them; a receive asks the shim for the
/// next frame's length, rents a buffer of exactly that size and lets the shim copy the fragments in.
/// </summary>
/// <remarks>
/// DPDK queues have no wake-up here: waiting spins, then yields (<see cref="PollBackoff"/>). Closing
/// sends a close fragment, so the peer's receive ends with <see cref="TransportClosedException"/>
/// after the frames sent before it.
/// </remarks>
internal sealed unsafe class DpdkLink : ITransportLink
{
    // Up to 8 segments are pinned without allocating; a page batch is header + pages, rarely more.
    private const int InlineSegments = 8;

    private readonly DpdkPortHandle _port;
    private readonly IntPtr _raw;
    private readonly LinkStatistics _stats = new();
    private readonly ReceiveMode _mode;
    private readonly long _spinNanoseconds;
    private readonly MemoryHandle[] _pins = new MemoryHandle[InlineSegments];
    private TransportFrame? _partial;
    private int _disposed;

    public DpdkLink(DpdkPortHandle port, string address, TransportOptions options)
    {
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

        var count = segments.Length;
        var pins = count <= InlineSegments ? _pins : new MemoryHandle[count];
        var iov = stackalloc DpdkNative.Iovec[Math.Min(count, InlineSegments)];
        var iovs = count <= InlineSegments ? iov : (DpdkNative.Iovec*)NativeMemory.Alloc((nuint)count, (nuint)sizeof(DpdkNative.Iovec));
        int rc;
        try
        {
            for (var i = 0; i < count; i++)
            {
                pins[i] = segments[i].Pin();
                iovs[i].Base = pins[i].Pointer;
                iovs[i].Length = (nuint)segments[i].Length;
            }

            rc = DpdkNative.SendFrame(_raw, iovs, count, (ulong)MonotonicClock.NowNanoseconds());
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
        uint length;
        ulong timestamp;
        int rc;
        if (_partial is null)
        {
            // Peek: the shim reports the next frame's length (-2) without consuming it, so the
            // frame is rented at its exact size and filled in place: one copy, out of the mbufs.
            rc = DpdkNative.RecvFrame(_raw, null, 0, &length, &timestamp);
            if (rc == 0)
            {
                return false;
            }

            if (rc == -3)
            {
                throw new TransportClosedException($"DPDK peer {RemoteAddress} closed.");
            }

            if (rc == 1)
            {
                frame = TransportFrame.Rent(0, (long)timestamp);
                _stats.OnReceived(0, frame.SentTimestampNanoseconds);
                return true;
            }

            if (rc != -2)
            {
                throw new TransportException($"DPDK receive on {RemoteAddress} failed: {DpdkNative.LastError()}");
            }

            _partial = TransportFrame.Rent((int)length, 0);
        }

        fixed (byte* buffer = _partial.Span)
        {
            rc = DpdkNative.RecvFrame(_raw, buffer, (uint)_partial.Length, &length, &timestamp);
        }

        if (rc == 0)
        {
            return false;
        }

        if (rc != 1)
        {
            _partial.Dispose();
            _partial = null;
            throw new TransportException($"DPDK receive on {RemoteAddress} failed: {DpdkNative.LastError()}");
        }

        frame = _partial;
        _partial = null;
        frame.SentTimestampNanoseconds = (long)timestamp;
        _stats.OnReceived(frame.Length, frame.SentTimestampNanoseconds);
        return true;
    }

    public ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var backoff = new PollBackoff(_mode, _spinNanoseconds);
        TransportFrame? frame;
        while (!TryReceive(out frame))
        {
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
            for (var i = 0; i < 4096 && DpdkNative.SendClose(_raw) == 0; i++)
            {
                Thread.SpinWait(64);
            }

            _partial?.Dispose();
            _partial = null;
            _port.DangerousRelease();
            _port.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
