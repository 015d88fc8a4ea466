using System.Collections.Concurrent;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.State;
using BbuPool.Migration.Threading;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// Redundancy and hot-standby at the source (seed 002): a consistent cut, a replica fed the inputs
/// from the cut on, a review of N matching outputs, then the switch at a TTI boundary.
/// </summary>
public sealed partial class MigrationSource
{
    // Redundancy's checkpoint, freed when the run ends (RunAsync's finally, with the channel and
    // the builder), as a committed source's image is. Freed as soon as it was sent, its release
    // (the scrub before the image is parked, or its unmap) stood between the last page and the
    // execution state, while the replica could not start: a probe at 64 MiB had the last page out
    // at 9-16 ms and the execution state at 19-24 ms.
    private PageRegion? _snapshot;

    private async Task ReplicaAsync(bool hotStandby, CancellationToken ct)
    {
        var feed = new ConcurrentQueue<ReplicaTti>();
        var progress = new TtiSignal();
        long cutTti;
        if (!hotStandby)
        {
            // Redundancy: checkpoint with the stack paused (this pause is its downtime), then resume
            // with every input tapped from the next TTI on. The snapshot's memory is taken before
            // the pause: with no parked image of its size (always so at 2 GiB, past IdleImages'
            // 1 GiB) the kernel maps and populates it, and inside the pause that was downtime too.
            ct.ThrowIfCancellationRequested();
            var snapshot = _snapshot = new PageRegion(_region.PageCount);
            SetPhase(MigrationPhase.Stopped);
            var boundary = await _host.PauseAsync().WaitAsync(ct);
            snapshot.CopyFrom(_region);
            cutTti = boundary.LastTti;
            _host.TtiCompleted = (input, output) =>
            {
                feed.Enqueue(ReplicaTtis.From(input, output));
                progress.Set();
            };
            _host.Resume();
            SetPhase(MigrationPhase.Replicating);
            _pages.Clear();
            for (int p = 0; p < snapshot.PageCount; p++)
            {
                _pages.Add(p);
            }

            long t0 = _time.GetTimestamp();
            long bytes = await SendPagesAsync(_pages, 0, 0, useDelta: false, p => snapshot.Page(p), ct);
            RecordRound(0, _pages.Count, bytes, _time.GetElapsedTime(t0).TotalSeconds);
        }
        else
        {
            // Hot standby: live rounds until the dirty set is small, then the cut is taken on the
            // stack thread inside one TTI's slack: no pause at all.
            await PrecopyRoundsAsync(_options.MaxRounds, useStopRule: true, ct);
            _converged = true;
            long cutAt = long.MaxValue;
            var cut = new TaskCompletionSource<PageCut>(TaskCreationOptions.RunContinuationsAsynchronously);
            _host.TtiCompleted = (input, output) =>
            {
                if (input.Tti > Volatile.Read(ref cutAt))
                {
                    feed.Enqueue(ReplicaTtis.From(input, output));
                    progress.Set();
                }
            };
            _host.Boundary = tti =>
            {
                _host.Boundary = null;
                var taken = PageCut.Take(_region, tti);
                Volatile.Write(ref cutAt, tti);
                cut.TrySetResult(taken);
            };
            using var residual = await cut.Task.WaitAsync(ct);
            cutTti = residual.LastTti;
            SetPhase(MigrationPhase.Replicating);
            _pages.Clear();
            _pages.AddRange(residual.Pages);
            long t0 = _time.GetTimestamp();
            int round = _rounds.Count;
            long bytes = await SendPagesAsync(_pages, round, 0, useDelta: true, residual.Bytes, ct);
            RecordRound(round, _pages.Count, bytes, _time.GetElapsedTime(t0).TotalSeconds);
        }

        // The replica's starting point: not the token (the replica only follows until the switch).
        var state = new ExecutionState(cutTti + 1, _host.Clock, []);
        await Channel.SendAsync(new ExecutionStateFrame { LastTti = cutTti, State = state.ToBytes(), CapturedAt = _time.GetUtcNow() }, ct);
        await ReviewAndSwitchAsync(feed, progress, hotStandby, hotStandby ? Math.Max(1, _options.ReviewTtis) : 1, ct);
    }

    private void RecordRound(int round, int pages, long bytes, double seconds)
    {
        _pageBytesSent += bytes;
        _pageSeconds += seconds;
        _rounds.Add(new RoundRecord(round, pages, bytes, seconds, _region.DirtyCount));
    }

    private async Task ReviewAndSwitchAsync(ConcurrentQueue<ReplicaTti> feed, TtiSignal progress, bool hotStandby, int required, CancellationToken ct)
    {
        int matches = 0;
        long replicaLast = -1;
        var batch = new List<ReplicaTti>();

        // This stack's outputs not yet matched, read off the feed as it goes out: the TTI thread
        // only enqueues (its entry carries the output), and everything here is this loop's own.
        var own = new Dictionary<long, ulong>();

        // Replica outputs for TTIs whose own output this loop has not taken off the feed yet: a
        // shadow runs on the same grid and may report a TTI before the source's entry is flushed.
        var early = new Dictionary<long, ulong>();
        while (true)
        {
            await FlushFeedAsync(feed, batch, own, ct);
            while (Channel.TryReceive(out var frame))
            {
                using (frame)
                {
                    if (frame.Type != FrameType.ReplicaOutputs)
                    {
                        throw new MigrationAbortedException(AbortReason.ProtocolError, $"Unexpected {frame.Type} frame while replicating.");
                    }

                    foreach (var e in FrameChannel.Read<ReplicaOutputsFrame>(frame).Entries)
                    {
                        early[e.Tti] = e.Output;
                    }

                    SetPhase(MigrationPhase.Reviewing);
                }
            }

            foreach (var (tti, output) in early)
            {
                if (!own.Remove(tti, out ulong mine))
                {
                    continue;
                }

                early.Remove(tti);
                if (mine != output)
                {
                    throw new MigrationAbortedException(AbortReason.ProtocolError, $"Replica diverged at TTI {tti}.");
                }

                matches++;
                replicaLast = Math.Max(replicaLast, tti);
            }

            // Switch once N outputs matched and the replica is within 2 TTIs of the source.
            if (matches >= required && _host.LastTti - replicaLast <= 2)
            {
                break;
            }

            if (!_host.IsRunning)
            {
                throw new MigrationAbortedException(AbortReason.SourceFailed, "Source stack stopped during replication.");
            }

            // Woken by the stack's next TTI: its input goes out at once, and the replica's outputs
            // that came meanwhile are read.
            await progress.WaitAsync(TtiSignal.LivenessWait, _time, ct);
        }

        TtiBoundary boundary;
        if (hotStandby)
        {
            // The switch agreed ahead of time (seed 002, "uninterrupted"): this stack runs up to TTI
            // k and the replica, already on the grid, is active from k + 1; nothing is sent or
            // replayed at the boundary itself (MigrationOptions.SwitchLeadTtis ahead).
            // Counted from the grid, not from this stack's last TTI: a source catching up after a
            // stall is behind the grid, and the shadow is not.
            long k = Math.Max(_host.LastTti, _host.Clock.TtiAt(_time.GetTimestamp())) + Math.Max(1, _options.SwitchLeadTtis);
            var paused = _host.PauseAfterAsync(k);
            SetPhase(MigrationPhase.StateSent);
            await Channel.SendAsync(new StopFrame { Round = _rounds.Count, LastTti = k, StoppedAt = _time.GetUtcNow() }, ct);
            _tokenHanded = true;
            boundary = await paused.WaitAsync(ct);
        }
        else
        {
            // Redundancy: pause at a boundary, forward every input up to it, then hand over with Stop.
            boundary = await _host.PauseAsync().WaitAsync(ct);
            SetPhase(MigrationPhase.StateSent);
        }

        _stopTti = boundary.LastTti;
        _stopTimestamp = boundary.Timestamp;
        _host.TtiCompleted = null;

        // A replica still replaying forwarded inputs needs every one up to the stop.
        await FlushFeedAsync(feed, batch, null, ct);
        if (!hotStandby)
        {
            await Channel.SendAsync(new StopFrame { Round = _rounds.Count, LastTti = boundary.LastTti, StoppedAt = _time.GetUtcNow() }, ct);
            _tokenHanded = true;
        }
    }

    /// <summary>Sends what the stack queued since the last flush; records each output in <paramref name="own"/> when given.</summary>
    private async Task FlushFeedAsync(ConcurrentQueue<ReplicaTti> feed, List<ReplicaTti> batch, Dictionary<long, ulong>? own, CancellationToken ct)
    {
        while (ReplicaTtis.TakeBatch(feed, batch))
        {
            if (own is not null)
            {
                foreach (var e in batch)
                {
                    own[e.Tti] = e.Output;
                }
            }

            await Channel.SendAsync(new ReplicaFeedFrame { Entries = batch }, ct);
        }
    }

    private async Task StatelessAsync(CancellationToken ct)
    {
        // Make-before-break: wait until the destination's fresh stack is ready (an empty replica
        // outputs frame), then switch at a boundary.
        using (var ready = await Channel.ReceiveAsync(ct))
        {
            if (ready.Type != FrameType.ReplicaOutputs)
            {
                throw new MigrationAbortedException(AbortReason.ProtocolError, $"Expected the stateless ready signal, got {ready.Type}.");
            }
        }

        await StopAtBoundaryAsync(0, ct);
        await HandOverAsync(new ExecutionState(_host.NextTti, _host.Clock, []), ct);
    }
}
