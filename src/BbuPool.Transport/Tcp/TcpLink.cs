using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using BbuPool.Transport.Diagnostics;

namespace BbuPool.Transport.Tcp;

/// <summary>
/// One TCP connection carrying length-prefixed frames. Sends gather the header and the caller's
/// segments into one sendmsg (no copy for array-backed memory); receives read ahead into a 64 KiB
/// buffer, so small frames cost one recv for many, and large payloads are read straight into the frame.
/// </summary>
/// <remarks>Sends block while the kernel's 4 MiB send buffer is full; TrySend therefore always sends.</remarks>
internal sealed class TcpLink : ITransportLink
{
    private const int HeaderBytes = 16;

    // "BBUT": guards against a peer that speaks another protocol on the port.
    private const int Magic = 0x54554242;

    // Read-ahead of 64 KiB: a burst of small frames (latency pings, control messages) costs one recv.
    private const int ReadAheadBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly LinkStatistics _stats = new();
    private readonly ReceiveMode _mode;
    private readonly long _spinNanoseconds;
    private readonly byte[] _header = new byte[HeaderBytes];
    private readonly List<ArraySegment<byte>> _gather = new(4);
    private readonly byte[] _readAhead = new byte[ReadAheadBytes];
    private int _readStart;
    private int _readEnd;
    private bool _peerClosed;
    private int _disposed;

    public TcpLink(Socket socket, TransportOptions options)
    {
        _socket = socket;
        _mode = options.ReceiveMode;
        _spinNanoseconds = (long)options.SpinDuration.TotalNanoseconds;
        MaxFrameLength = options.MaxFrameLength;
        RemoteAddress = "tcp:" + socket.RemoteEndPoint;
    }

    public TransportKind Kind => TransportKind.Tcp;

    public string RemoteAddress { get; }

    public int MaxFrameLength { get; }

    public bool TrySend(ReadOnlySpan<ReadOnlyMemory<byte>> segments)
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

        BinaryPrimitives.WriteInt32LittleEndian(_header, (int)length);
        BinaryPrimitives.WriteInt32LittleEndian(_header.AsSpan(4), Magic);
        BinaryPrimitives.WriteInt64LittleEndian(_header.AsSpan(8), _stats.SendTimestamp());
        _gather.Clear();
        _gather.Add(_header);
        byte[]? copied = null;
        try
        {
            foreach (var segment in segments)
            {
                if (segment.Length == 0)
                {
                    continue;
                }

                if (MemoryMarshal.TryGetArray(segment, out var array))
                {
                    _gather.Add(array);
                }
                else
                {
                    // Native or pinned memory without an array: one copy into a pooled array.
                    copied = ArrayPool<byte>.Shared.Rent(segment.Length);
                    segment.Span.CopyTo(copied);
                    _gather.Add(new ArraySegment<byte>(copied, 0, segment.Length));
                }
            }

            SendAll(HeaderBytes + length);
        }
        finally
        {
            if (copied is not null)
            {
                ArrayPool<byte>.Shared.Return(copied);
            }
        }

        _stats.OnSent((int)length);
        return true;
    }

    public ValueTask SendAsync(ReadOnlyMemory<ReadOnlyMemory<byte>> segments, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TrySend(segments.Span);
        return ValueTask.CompletedTask;
    }

    public bool TryReceive([NotNullWhen(true)] out TransportFrame? frame)
    {
        if (TryTakeBuffered(out frame))
        {
            return true;
        }

        if (_socket.Available > 0 || (!_peerClosed && _socket.Poll(0, SelectMode.SelectRead)))
        {
            FillSync();
            return TryTakeBuffered(out frame);
        }

        return false;
    }

    public async ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryTakeBuffered(out var frame))
            {
                return frame;
            }

            var spinUntil = _mode == ReceiveMode.BusyPoll ? long.MaxValue : MonotonicClock.NowNanoseconds() + _spinNanoseconds;
            while (_socket.Available == 0 && MonotonicClock.NowNanoseconds() < spinUntil)
            {
                Thread.SpinWait(8);
            }

            if (_socket.Available > 0)
            {
                FillSync();
            }
            else
            {
                Compact();
                int read;
                try
                {
                    read = await _socket.ReceiveAsync(_readAhead.AsMemory(_readEnd), SocketFlags.None, cancellationToken);
                }
                catch (SocketException ex)
                {
                    throw new TransportClosedException($"Tcp link {RemoteAddress} failed: {ex.Message}", ex);
                }

                OnRead(read);
            }
        }
    }

    public TransportLinkStats GetStats() => _stats.Snapshot();

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The peer already reset the connection: nothing left to flush.
        }

        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private void SendAll(long total)
    {
        try
        {
            long sent = _socket.Send(_gather);
            while (sent < total)
            {
                // A short send (signal, buffer pressure): drop what went out and send the rest.
                var skip = sent;
                var rest = new List<ArraySegment<byte>>();
                foreach (var part in _gather)
                {
                    if (skip >= part.Count)
                    {
                        skip -= part.Count;
                        continue;
                    }

                    rest.Add(part.Slice((int)skip));
                    skip = 0;
                }

                _gather.Clear();
                _gather.AddRange(rest);
                total -= sent;
                sent = _socket.Send(_gather);
            }
        }
        catch (SocketException ex)
        {
            throw new TransportClosedException($"Tcp link {RemoteAddress} failed: {ex.Message}", ex);
        }
    }

    private void FillSync()
    {
        Compact();
        int read;
        try
        {
            read = _socket.Receive(_readAhead, _readEnd, _readAhead.Length - _readEnd, SocketFlags.None);
        }
        catch (SocketException ex)
        {
            throw new TransportClosedException($"Tcp link {RemoteAddress} failed: {ex.Message}", ex);
        }

        OnRead(read);
    }

    private void OnRead(int read)
    {
        if (read == 0)
        {
            _peerClosed = true;
            if (_readEnd != _readStart)
            {
                throw new TransportException($"Tcp link {RemoteAddress} closed in the middle of a frame.");
            }

            throw new TransportClosedException($"Tcp peer {RemoteAddress} closed.");
        }

        _readEnd += read;
    }

    private void Compact()
    {
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
        }
        else if (_readStart > 0 && _readAhead.Length - _readEnd < HeaderBytes)
        {
            Buffer.BlockCopy(_readAhead, _readStart, _readAhead, 0, _readEnd - _readStart);
            _readEnd -= _readStart;
            _readStart = 0;
        }
    }

    private bool TryTakeBuffered([NotNullWhen(true)] out TransportFrame? frame)
    {
        frame = null;
        if (_readEnd - _readStart < HeaderBytes)
        {
            return false;
        }

        var header = _readAhead.AsSpan(_readStart, HeaderBytes);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (BinaryPrimitives.ReadInt32LittleEndian(header[4..]) != Magic || length < 0 || length > MaxFrameLength)
        {
            throw new TransportException($"Tcp link {RemoteAddress}: bad frame header (length {length}); not a BbuPool peer?");
        }

        var timestamp = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        _readStart += HeaderBytes;
        frame = TransportFrame.Rent(length, timestamp);
        var buffered = Math.Min(length, _readEnd - _readStart);
        _readAhead.AsSpan(_readStart, buffered).CopyTo(frame.Span);
        _readStart += buffered;
        var got = buffered;
        try
        {
            while (got < length)
            {
                // The rest of a large payload goes straight into the frame: no read-ahead copy.
                var read = _socket.Receive(frame.Span[got..], SocketFlags.None);
                if (read == 0)
                {
                    _peerClosed = true;
                    throw new TransportException($"Tcp link {RemoteAddress} closed in the middle of a frame.");
                }

                got += read;
            }
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        _stats.OnReceived(length, timestamp);
        return true;
    }
}
