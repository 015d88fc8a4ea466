using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using BbuPool.Migration.Threading;
using BbuPool.Transport;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// Receives one link's frames on a dedicated thread into a short queue the engine awaits.
/// The kernel-bypass links (shm, DPDK) wait for data by spinning and then sleeping on the
/// calling thread, and ask to be read from a dedicated thread: an engine awaiting them from the
/// thread pool blocked a pool thread per end for the whole migration, and on this 2-core machine
/// (2 pool threads to start with) every other continuation then waited for the pool to inject
/// threads, about one per 0.5 s: the seconds-long stalls of round 1's benchmark.
/// </summary>
internal sealed class ReceivePump : IDisposable
{
    // 8 frames of up to 256 KiB (2 MiB) read ahead, so the engine finds the next frame read while
    // it applies one; the ring's back-pressure still reaches the sender (a shm frame is lent: its
    // slots stay taken until the engine disposes it).
    private const int Depth = 8;

    // A dispose waits this long for the thread to leave the link (a cancelled shm wait wakes at
    // once; a peer-death check at least every 10 ms) before the link may be unmapped under it.
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(2);

    private readonly ITransportLink _link;

    // An engine awaiting an empty queue resumes on this thread, inline in the write, instead of
    // waiting for a pool thread to wake: on 2 busy cores that hop cost the destination its
    // apply rate (same-run A/B, 3 alternating runs of 30 migrations at 10 %: pre-copy 64 MiB
    // total p50 11.7-13.8 -> 9.1-9.7 ms, stop-and-copy 9.4-10.2 -> 8.2-8.8 ms; 4 and 20 MiB
    // unchanged). While the engine runs here this thread reads no frame; the ring buffers them.
    // Dispose from this thread skips the join (see Dispose), and the loop re-checks its token
    // before it touches the link again.
    private readonly Channel<TransportFrame> _frames = Channel.CreateBounded<TransportFrame>(
        new BoundedChannelOptions(Depth) { SingleWriter = true, SingleReader = false, AllowSynchronousContinuations = true });

    private readonly CancellationTokenSource _stop = new();
    private readonly ParkedThreads.Run _run;
    private int _disposed;

    public ReceivePump(ITransportLink link, string name)
    {
        _link = link;
        // Every migration opens a link with a pump at each end: starting their threads was most
        // of the 0.8-1.6 ms before a migration's first frame. They park between links instead.
        _run = ParkedThreads.Shared.Start(Run, name);
    }

    /// <summary>The next frame, in link order; the link's failure once the frames before it are read.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportFrame> ReceiveAsync(CancellationToken ct)
    {
        try
        {
            return await _frames.Reader.ReadAsync(ct);
        }
        catch (ChannelClosedException ex)
        {
            throw Unwrap(ex);
        }
    }

    /// <summary>Takes a frame if one is queued; throws the link's failure once the queue is empty.</summary>
    public bool TryReceive(out TransportFrame frame)
    {
        if (_frames.Reader.TryRead(out frame!))
        {
            return true;
        }

        var completion = _frames.Reader.Completion;
        if (completion.IsCompleted)
        {
            if (completion.Exception?.InnerException is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            throw new TransportClosedException($"Link {_link.RemoteAddress} is closed.");
        }

        return false;
    }

    /// <summary>Stops the thread (it leaves the link before this returns) and frees queued frames.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        if (Thread.CurrentThread != _run.Thread)
        {
            _run.Join(StopWait);
        }

        while (_frames.Reader.TryRead(out var left))
        {
            left.Dispose();
        }

        _stop.Dispose();
    }

    private static Exception Unwrap(ChannelClosedException ex) =>
        ex.InnerException ?? new TransportClosedException("Link closed.", ex);

    private void Run()
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                // In place: a frame is applied straight from the link's memory (shm slots), and
                // the engine disposes every frame it takes, which frees the slots.
                var pending = _link.ReceiveInPlaceAsync(token);
                var frame = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                if (!_frames.Writer.TryWrite(frame))
                {
                    try
                    {
                        _frames.Writer.WriteAsync(frame, token).AsTask().GetAwaiter().GetResult();
                    }
                    catch
                    {
                        frame.Dispose();
                        throw;
                    }
                }
            }

            _frames.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _frames.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // The link's failure reaches the engine after the frames received before it, so a
            // commit or abort the peer sent just before it closed is still read.
            _frames.Writer.TryComplete(ex);
        }
    }
}
