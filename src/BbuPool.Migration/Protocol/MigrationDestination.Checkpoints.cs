using System.Collections.Concurrent;
using BbuPool.Migration.State;
using BbuPool.Transport;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// Post-copy fault tolerance at the destination (PostCopyFT): reverse incremental checkpoints to
/// the source, and noticing that the running stack itself failed.
/// </summary>
public sealed partial class MigrationDestination
{
    private readonly ConcurrentQueue<PageCut> _checkpoints = new();
    private readonly ConcurrentDictionary<long, int[]> _unacknowledged = new();
    private int _checkpointsSent;

    // Set when the checkpoint pump ends: a destination that aborted while running its stack keeps
    // its host, and its TTI thread would otherwise go on cutting into a queue nothing reads.
    private volatile bool _checkpointsClosed;
    private Exception? _stackFailure;

    /// <summary>Called on the stack thread at each boundary: every N TTIs, cut the dirtied pages.</summary>
    private void OnPostcopyBoundary(long tti, long firstTti)
    {
        int every = _options.ReverseCheckpointTtis;
        if (_checkpointsClosed || every <= 0 || (tti - firstTti + 1) % every != 0)
        {
            return;
        }

        _checkpoints.Enqueue(PageCut.Take(_region!, tti));
        if (_checkpointsClosed)
        {
            // The pump ended while this cut was taken: nobody will send it.
            DisposeQueuedCheckpoints();
        }
    }

    private void DisposeQueuedCheckpoints()
    {
        while (_checkpoints.TryDequeue(out var left))
        {
            left.Dispose();
        }
    }

    /// <summary>
    /// While post-copy runs: sends each checkpoint (its pages, then an execution-state frame that
    /// closes it) and watches the stack; a failed stack cancels the receive loop so the
    /// destination aborts saying it no longer runs, and the source takes the stack back.
    /// </summary>
    private async Task PumpCheckpointsAsync(CancellationTokenSource receive, CancellationToken ct)
    {
        using var builder = new PageBatchBuilder(Channel.PagesPerFrame(_options.BatchPages), null, _options.ZeroPageElision);
        try
        {
            while (!_committed && !ct.IsCancellationRequested)
            {
                if (Host is { Fault: { } fault })
                {
                    _stackFailure = fault;
                    await receive.CancelAsync();
                    return;
                }

                while (!_committed && _checkpoints.TryDequeue(out var checkpoint))
                {
                    try
                    {
                        await SendCheckpointAsync(checkpoint, builder, ct);
                    }
                    catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
                    {
                        // The link failed under it (the receive loop recovers): the next cut carries these pages.
                        MarkDirtyAgain(checkpoint.Pages);
                    }
                    finally
                    {
                        checkpoint.Dispose();
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1), _time, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The session ended.
        }
        finally
        {
            // Cuts still queued at the end (taken after the last pass, or never to be sent) give
            // their staging back too, and no more are taken. Left in the queue, each was a rented
            // array lost to the GC, and the pool's next cuts allocated afresh on the TTI thread:
            // 15.7 of 65.2 MB sampled by GC allocation ticks in post-copy runs at 64 and 256 MiB,
            // 30 % load.
            _checkpointsClosed = true;
            // The flag before the drain, as the TTI thread enqueues before it reads the flag: a
            // cut this drain misses is one that thread sees closed and drains itself.
            Interlocked.MemoryBarrier();
            DisposeQueuedCheckpoints();
        }
    }

    /// <summary>The source applied the checkpoint cut after <paramref name="lastTti"/> (its Resume answer: it could resume at the next TTI).</summary>
    private void OnCheckpointApplied(long lastTti) => _unacknowledged.TryRemove(lastTti, out _);

    /// <summary>
    /// After a link recovery: checkpoints the source never confirmed may be lost with the old link;
    /// their pages go into the next cut (with their bytes at that cut, so it stays consistent).
    /// </summary>
    private void ResendUnacknowledgedCheckpoints()
    {
        foreach (long lastTti in _unacknowledged.Keys)
        {
            if (_unacknowledged.TryRemove(lastTti, out var pages))
            {
                MarkDirtyAgain(pages);
            }
        }
    }

    private void MarkDirtyAgain(int[] pages)
    {
        foreach (int p in pages)
        {
            _region!.MarkDirty((long)p << PageRegion.PageShift, PageRegion.PageSize);
        }
    }

    private async Task SendCheckpointAsync(PageCut checkpoint, PageBatchBuilder builder, CancellationToken ct)
    {
        await Channel.SendPagesAsync(builder, checkpoint.Pages, _checkpointsSent, 0, useDelta: false, checkpoint.Bytes, null, ct, background: true);
        _unacknowledged[checkpoint.LastTti] = checkpoint.Pages;
        var state = new ExecutionState(checkpoint.LastTti + 1, Host!.Clock, []);
        await Channel.SendAsync(new ExecutionStateFrame { LastTti = checkpoint.LastTti, State = state.ToBytes(), CapturedAt = _time.GetUtcNow() }, ct, background: true);
        _checkpointsSent++;
    }
}
