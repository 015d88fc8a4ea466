using BbuPool.Migration.Threading;
using BbuPool.Transport;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>Post-copy and hybrid at the source: stop early, hand over, then serve and push pages.</summary>
public sealed partial class MigrationSource
{
    // After a link error, how long the frames the peer sent before it closed may take to be read:
    // the receive thread sees a closed peer's end at once and a dead peer within its 10 ms
    // liveness check, so this bounds only a link that fails with the peer silent.
    private static readonly TimeSpan PeerVerdictWait = TimeSpan.FromMilliseconds(200);

    private bool _commitSeen;

    private async Task PostcopyAsync(bool hybrid, CancellationToken ct)
    {
        if (hybrid)
        {
            await PrecopyRoundsAsync(Math.Max(1, _options.HybridRounds), useStopRule: false, ct);
        }
        else
        {
            // Watch a few TTIs of writes: the pages written just before the stop are the ones the
            // destination touches first, so they are pushed first. Woken by each TTI the stack
            // ends: on a 1 ms timer, which fired every 3-5 ms here (see TtiSignal), the window
            // overran by that much.
            SetPhase(MigrationPhase.Rounds);
            _region.ClearDirty();
            long until = _host.LastTti + _options.HotWindowTtis;
            var tick = new TtiSignal();
            _host.TtiCompleted = (_, _) => tick.Set();
            try
            {
                while (_host.LastTti < until && _host.IsRunning)
                {
                    await tick.WaitAsync(TtiSignal.LivenessWait, _time, ct);
                }
            }
            finally
            {
                _host.TtiCompleted = null;
            }
        }

        await StopAtBoundaryAsync(_rounds.Count, ct);
        _pages.Clear();
        _region.HarvestDirty(_pages);
        int count = _region.PageCount;
        var stale = new ulong[(count + 63) / 64];
        if (hybrid)
        {
            foreach (int p in _pages)
            {
                stale[p >> 6] |= 1UL << (p & 63);
            }
        }
        else
        {
            for (int p = 0; p < count; p++)
            {
                stale[p >> 6] |= 1UL << (p & 63);
            }
        }

        using var predictor = new PrepagingPredictor(count, _pages, p => (stale[p >> 6] & (1UL << (p & 63))) != 0, _options.PrepagingWindow);
        await HandOverAsync(new ExecutionState(_host.NextTti, _host.Clock, stale), ct);
        SetPhase(MigrationPhase.Serving);
        await ServeAsync(predictor, _rounds.Count, ct);
    }

    /// <summary>Pushes pages in predictor order, answering demand requests first, until the destination commits.</summary>
    private async Task ServeAsync(PrepagingPredictor predictor, int round, CancellationToken ct)
    {
        var builder = _builder!;
        int[] batch = new int[builder.Capacity];
        long requestId = 0;
        while (!_commitSeen)
        {
            try
            {
                while (!_commitSeen && Channel.TryReceive(out var frame))
                {
                    requestId = Math.Max(requestId, HandleServing(frame, predictor));
                }

                if (_commitSeen)
                {
                    return;
                }

                await AcknowledgeCheckpointsAsync(ct);
                int n = predictor.Next(batch, out bool answers);
                if (n == 0)
                {
                    // Everything is out: wait for requests (pages lost in a recovery) or the commit.
                    var frame = await Channel.ReceiveAsync(ct);
                    requestId = Math.Max(requestId, HandleServing(frame, predictor));
                    continue;
                }

                builder.Prepare(_readPage, batch.AsSpan(0, n), round, answers ? requestId : 0, useDelta: false);
                long t0 = _time.GetTimestamp();
                _pageBytesSent += await Channel.SendBuiltAsync(builder, ct);
                _pageSeconds += _time.GetElapsedTime(t0).TotalSeconds;
            }
            catch (TransportException) when (_options.Reconnect is not null && !ct.IsCancellationRequested)
            {
                // The destination may have committed and closed while we pushed: read what it sent first.
                if (await DrainPeerVerdictAsync())
                {
                    return;
                }

                LogRecovering(_options.MigrationId, predictor.Remaining);
                await RecoverAsync(ct);
            }
        }
    }

    private long HandleServing(ReceivedFrame frame, PrepagingPredictor predictor)
    {
        using (frame)
        {
            switch (frame.Type)
            {
                case FrameType.PageRequest:
                    var request = FrameChannel.Read<PageRequestFrame>(frame);
                    predictor.OnRequest(request.PageIndices);
                    _demandFaults += request.PageIndices.Length;
                    return request.RequestId;
                case FrameType.Resume:
                    return 0;
                case FrameType.Pages or FrameType.ExecutionState:
                    TakeCheckpointFrame(frame);
                    return 0;
                case FrameType.Commit:
                    TakeCommit(frame);
                    return 0;
                default:
                    throw new MigrationAbortedException(AbortReason.ProtocolError, $"Unexpected {frame.Type} frame while serving post-copy.");
            }
        }
    }

    /// <summary>
    /// After a link error: takes the frames the peer sent before it closed, waiting up to
    /// <see cref="PeerVerdictWait"/> (on the migration's clock) for the receive thread to read
    /// them; true when one was its commit; a peer abort is raised with its reason, and a commit
    /// naming another migration as a protocol error.
    /// </summary>
    /// <remarks>
    /// A send fails as soon as the destination closes its end, while its commit may still sit in
    /// the ring, not yet read: taking only what was already read lost that race in 5-11 of 120
    /// post-copy and hybrid migrations per run (`bench migration --set methods=Hybrid,Postcopy
    /// --set sizes=4,20 --set loads=0.3 --set reps=30`), each reported as a failed destination
    /// that had in fact committed.
    /// </remarks>
    private async Task<bool> DrainPeerVerdictAsync()
    {
        using var wait = new CancellationTokenSource(PeerVerdictWait, _time);
        try
        {
            while (!_commitSeen)
            {
                using var frame = await Channel.ReceiveAsync(wait.Token);
                switch (frame.Type)
                {
                    case FrameType.Commit:
                        TakeCommit(frame);
                        break;
                    case FrameType.Pages or FrameType.ExecutionState when Phase == MigrationPhase.Serving:
                        // Possibly a checkpoint completed just before the destination went away.
                        TakeCheckpointFrame(frame);
                        break;
                }
            }
        }
        catch (TransportException)
        {
            // The link reported the close: nothing more to read.
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            // The peer sent nothing more in time.
        }

        return _commitSeen;
    }

    /// <summary>A new link to the destination, authenticated again; it then re-requests what it lacks.</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        await Channel.CloseLinkAsync();

        // A checkpoint cut off by the failure is incomplete; the destination sends its pages again.
        DropReverseStaging();
        var link = await _options.Reconnect!(ct);
        Channel.Swap(link);
        await Handshake.AsSourceAsync(Channel, _options, _time, ct);
        _recoveries++;
    }
}
