using System.Runtime.CompilerServices;
using BbuPool.Migration.State;
using BbuPool.Transport;
using BbuPool.Wire;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// One end of a migration session over an <see cref="ITransportLink"/>: frames out (one sender at a
/// time, rate-limited), frames in (envelope, version and CRC checked; abort frames raised as
/// <see cref="MigrationAbortedException"/>), byte counters.
/// </summary>
internal sealed class FrameChannel : IAsyncDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly FrameWriter _writer = new(pool: MigrationBuffers.Bytes);
    private readonly TimeProvider _time;
    private readonly double _rateLimit;
    private readonly long _start;
    private ITransportLink _link;
    private ReceivePump? _pump;
    // Writes a pages frame of the builder passed as state into a link's send memory (the fill
    // of SendInPlaceAsync); made once per channel.
    private readonly FrameFill _fillPages;
    private long _bytesSent;
    private long _bytesReceived;
    private double _paceSeconds;
    private bool _suspended;
    private bool _closed;

    public FrameChannel(ITransportLink link, TimeProvider time, double rateLimitBytesPerSecond)
    {
        _link = link;
        _pump = PumpFor(link);
        _time = time;
        _rateLimit = rateLimitBytesPerSecond;
        _start = time.GetTimestamp();
        _fillPages = (target, state) =>
        {
            Build(_writer.BeginIn(target, FrameType.Pages), (PageBatchBuilder)state!);
            return _writer.Complete().Length;
        };
    }

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Pages per frame that fit the link: at most <paramref name="batch"/>.</summary>
    /// <remarks>
    /// The frame's overhead is the one a frame built in place reserves
    /// (<see cref="PageBatchBuilder.MaxFrameOverheadBytes"/>): a smaller allowance (256 bytes, once)
    /// let a link whose limit fell just past a whole number of pages refuse the reservation.
    /// </remarks>
    public int PagesPerFrame(int batch) =>
        Math.Clamp((_link.MaxFrameLength - PageBatchBuilder.MaxFrameOverheadBytes) / (PageRegion.PageSize + PagesFrame.MaxEntryOverhead), 1, Math.Max(1, batch));

    /// <summary>
    /// Stops blocking sends (<see cref="TrySendBlocking"/>) before a link is replaced: once this
    /// returns, none is in flight and none starts until <see cref="ResumeBlockingSends"/>. Without
    /// it a post-copy fault on the stack thread could put a page request on the new link ahead of
    /// the recovery handshake.
    /// </summary>
    public async ValueTask SuspendBlockingSendsAsync(CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        _suspended = true;
        _sendLock.Release();
    }

    /// <summary>Lets blocking sends through again (the new link is authenticated).</summary>
    public void ResumeBlockingSends()
    {
        _sendLock.Wait();
        _suspended = false;
        _sendLock.Release();
    }

    /// <summary>Closes a failed link: its receive thread leaves it first (post-copy recovery).</summary>
    public async ValueTask CloseLinkAsync()
    {
        _pump?.Dispose();
        try
        {
            await _link.DisposeAsync();
        }
        catch (TransportException)
        {
            // Already dead.
        }
    }

    /// <summary>Replaces a failed link, closed with <see cref="CloseLinkAsync"/> (post-copy recovery).</summary>
    public void Swap(ITransportLink link)
    {
        _pump?.Dispose();
        _link = link;
        _pump = PumpFor(link);
    }

    /// <summary>Sends one frame; with <paramref name="background"/>, refused while a link recovery is under way.</summary>
    public async ValueTask SendAsync<T>(T frame, CancellationToken ct, bool background = false)
        where T : IFrame<T>
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            ThrowIfRecovering(background);
            await SendLockedAsync(_writer.Write(frame), ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends from a thread that must not await (the stack thread in a post-copy fault); false,
    /// sending nothing, while blocking sends are suspended for a link recovery.
    /// </summary>
    public bool TrySendBlocking<T>(T frame)
        where T : IFrame<T>
    {
        _sendLock.Wait();
        try
        {
            if (_suspended || _closed)
            {
                // Suspended for a recovery, or the session is over: a post-copy fault that raced
                // the last page's arrival (and the commit) has nothing to ask for.
                return false;
            }

            var bytes = _writer.Write(frame);
            if (!_link.TrySend(bytes))
            {
                _link.SendAsync(bytes).AsTask().GetAwaiter().GetResult();
            }

            Interlocked.Add(ref _bytesSent, bytes.Length);
            return true;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Builds and sends one pages frame with <paramref name="build"/> writing the body under the
    /// send lock: straight into the link's send memory (shm: the ring's slots) unless a rate limit
    /// must know the frame's length before it goes.
    /// </summary>
    public async ValueTask<int> SendBuiltAsync(PageBatchBuilder build, CancellationToken ct, bool background = false)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            ThrowIfRecovering(background);
            if (_rateLimit > 0)
            {
                Build(_writer.Begin(FrameType.Pages), build);
                var bytes = _writer.Complete();
                await SendLockedAsync(bytes, ct);
                return bytes.Length;
            }

            int length = await _link.SendInPlaceAsync(build.MaxFrameBytes, _fillPages, build, ct);
            Interlocked.Add(ref _bytesSent, length);
            return length;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static void Build(MessagePackWriter writer, PageBatchBuilder build)
    {
        build.WriteBody(ref writer);
        writer.Flush();
    }

    /// <summary>
    /// Sends <paramref name="pages"/> as pages frames of at most the builder's capacity, reading each
    /// page from <paramref name="source"/>; <paramref name="afterEachFrame"/> runs between frames
    /// (the source polls for a peer abort there). Returns the bytes sent.
    /// </summary>
    public async ValueTask<long> SendPagesAsync(PageBatchBuilder builder, IReadOnlyList<int> pages, int round, long requestId, bool useDelta, PageSource source, Action? afterEachFrame, CancellationToken ct, bool background = false)
    {
        int[] batch = System.Buffers.ArrayPool<int>.Shared.Rent(builder.Capacity);
        long total = 0;
        try
        {
            for (int i = 0; i < pages.Count; i += builder.Capacity)
            {
                int n = Math.Min(builder.Capacity, pages.Count - i);
                for (int k = 0; k < n; k++)
                {
                    batch[k] = pages[i + k];
                }

                builder.Prepare(source, batch.AsSpan(0, n), round, requestId, useDelta);
                total += await SendBuiltAsync(builder, ct, background);
                afterEachFrame?.Invoke();
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(batch);
        }

        return total;
    }

    /// <summary>Waits until the peer has taken every frame sent so far off the link (see <see cref="ITransportLink.DrainAsync"/>).</summary>
    public async ValueTask DrainAsync(CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await _link.DrainAsync(ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends an abort saying whether this end runs the stack, ignoring a dead link (best effort).</summary>
    public async ValueTask TrySendAbortAsync(AbortReason reason, string message, bool running)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);
            await SendAsync(new AbortFrame { Reason = reason, Message = message, SenderRunning = running }, cts.Token);
        }
        catch (Exception ex) when (ex is TransportException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone: nothing to tell.
        }
    }

    /// <summary>Waits for the next frame; validates its envelope; raises aborts.</summary>
    /// <remarks>
    /// Pooled state machines: a destination awaits every frame, and each await that suspended
    /// allocated a box at each of four levels, about a third of a migration's allocations
    /// (GC allocation ticks by type, pre-copy 64 MiB); awaited once, as every caller does.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReceivedFrame> ReceiveAsync(CancellationToken ct)
    {
        var frame = _pump is { } pump ? await pump.ReceiveAsync(ct) : await _link.ReceiveAsync(ct);
        return Validate(frame);
    }

    /// <summary>Takes a frame if one is there.</summary>
    public bool TryReceive(out ReceivedFrame received)
    {
        if (_pump is { } pump ? pump.TryReceive(out var frame) : _link.TryReceive(out frame))
        {
            received = Validate(frame);
            return true;
        }

        received = default;
        return false;
    }

    public static T Read<T>(in ReceivedFrame frame)
        where T : IFrame<T>
    {
        try
        {
            var reader = new MessagePackReader(frame.Body.Span);
            return T.Read(ref reader);
        }
        catch (MessagePackFormatException ex)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"Malformed {frame.Type} frame: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Closes the link. The send lock is not disposed: the stack thread may still come to
    /// <see cref="TrySendBlocking"/> after the session ended (a late post-copy fault) and must get
    /// a refusal, not an <see cref="ObjectDisposedException"/> that would kill its TTI loop; a
    /// <see cref="SemaphoreSlim"/> whose wait handle was never asked for holds nothing to free.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _sendLock.WaitAsync();
        _closed = true;
        _writer.Dispose();
        _sendLock.Release();
        _pump?.Dispose();
        await _link.DisposeAsync();
    }

    /// <summary>
    /// Background senders (reverse checkpoints) must not write on a link being replaced: the new
    /// link's first frame must be the recovery handshake.
    /// </summary>
    private void ThrowIfRecovering(bool background)
    {
        if (background && (_suspended || _closed))
        {
            throw new TransportClosedException("Link recovery under way.");
        }
    }

    /// <summary>
    /// A receive thread for the links that wait on the calling thread (shm, DPDK); the in-memory
    /// and TCP links are asynchronous already, and a thread in front of them only adds a hand-off
    /// per frame (measured: its blocking waits spun a core away from the engine).
    /// </summary>
    private static ReceivePump? PumpFor(ITransportLink link) =>
        link.Kind is TransportKind.Shm or TransportKind.Dpdk ? new ReceivePump(link, "mig-rx") : null;

    private ReceivedFrame Validate(TransportFrame frame)
    {
        Interlocked.Add(ref _bytesReceived, frame.Length);
        var status = FrameEnvelope.TryReadFrame(frame.Span, out var header);
        if (status != FrameReadStatus.Complete)
        {
            frame.Dispose();
            var reason = status switch
            {
                FrameReadStatus.ChecksumMismatch => AbortReason.ChecksumMismatch,
                FrameReadStatus.UnsupportedVersion => AbortReason.VersionMismatch,
                _ => AbortReason.ProtocolError,
            };
            throw new MigrationAbortedException(reason, $"Bad frame: {status}.");
        }

        var received = new ReceivedFrame(header.Type, frame, frame.Memory.Slice(FrameEnvelope.HeaderSize, header.BodyLength));
        if (header.Type == FrameType.Abort)
        {
            using (frame)
            {
                var abort = Read<AbortFrame>(received);
                throw new MigrationAbortedException(abort.Reason, "Peer aborted: " + (abort.Message ?? abort.Reason.ToString())) { FromPeer = true, PeerRunning = abort.SenderRunning };
            }
        }

        return received;
    }

    private async ValueTask SendLockedAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        if (_rateLimit > 0)
        {
            // Pacing without saved-up credit: each frame books its transmission time after the
            // previous one (or now, if the link sat idle), and we wait when the booking runs more
            // than 0.5 ms ahead of the clock.
            double now = _time.GetElapsedTime(_start).TotalSeconds;
            _paceSeconds = Math.Max(_paceSeconds, now) + (bytes.Length / _rateLimit);
            double ahead = _paceSeconds - now;
            if (ahead > 0.0005)
            {
                await Task.Delay(TimeSpan.FromSeconds(ahead), _time, ct);
            }
        }

        if (!_link.TrySend(bytes))
        {
            await _link.SendAsync(bytes, ct);
        }

        Interlocked.Add(ref _bytesSent, bytes.Length);
    }
}
