using BbuPool.Core.Migration;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.State;
using BbuPool.Transport;
using BbuPool.Wire.Frames;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// The source end of a live migration: drives one method over one link while its stack keeps
/// running (docs/migration-protocol.md). Rule of the single running copy: the source resumes its
/// stack on any failure until it has handed over the token (the execution state, or the stop of a
/// replica switch); after that the destination is the running copy and the source only serves it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The channel lives for one RunAsync call, which disposes it.")]
public sealed partial class MigrationSource
{
    private readonly StackHost _host;
    private readonly PageRegion _region;
    private readonly PageSource _readPage;
    private readonly MigrationOptions _options;
    private readonly TimeProvider _time;

    // Every phase entered, in order (a few per migration): MigrationResult.Phases.
    private readonly List<PhaseMark> _phaseMarks = [];
    private readonly ILogger _logger;
    private readonly List<RoundRecord> _rounds = [];
    // Rented for one run (PageListPool): room for every page number, since round 0 sends them all.
    private List<int> _pages = [];
    private FrameChannel? _channel;
    private PageBatchBuilder? _builder;
    private bool _tokenHanded;
    private bool _converged = true;
    private long _stopTti = -1;
    private long _stopTimestamp;
    private long _pageBytesSent;
    private double _pageSeconds;
    private long _demandFaults;
    private int _recoveries;
    private long _resumedAt = -1;

    /// <summary>Creates the source end for the stack running in <paramref name="host"/>.</summary>
    public MigrationSource(StackHost host, MigrationOptions options, TimeProvider? timeProvider = null, ILogger<MigrationSource>? logger = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _region = host.Region;
        _readPage = _region.ReadPage;
        _time = timeProvider ?? host.Time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Where the run's page-number list comes from and goes back to (the process's pool by default; a test's own).</summary>
    internal PageListPool PageLists { get; init; } = PageListPool.Shared;

    /// <summary>Where a post-copy run's reverse-checkpoint staging comes from and goes back to (the process's pool by default; a test's own).</summary>
    internal PageBufferPool StagingPages { get; init; } = PageBufferPool.Shared;

    /// <summary>Current phase, for logs and tests.</summary>
    public MigrationPhase Phase { get; private set; } = MigrationPhase.Idle;

    /// <summary>Raised when the phase changes (fault-injection tests hook it).</summary>
    public event Action<MigrationPhase>? PhaseChanged;

    private FrameChannel Channel => _channel ?? throw new InvalidOperationException("No session.");

    /// <summary>Runs the migration over <paramref name="link"/>; returns how it ended (never throws for protocol failures).</summary>
    public async Task<MigrationResult> RunAsync(ITransportLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        long start = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var ct = timeout.Token;
        _channel = new FrameChannel(link, _time, _options.RateLimitBytesPerSecond);
        var method = _options.Method;

        // Only methods that re-send pages use the delta cache: it costs a copy per page sent and
        // its memory (probe: stop-and-copy sent at half the rate with it on).
        using var cache = _options.DeltaEncoding && method is MigrationMethod.Precopy or MigrationMethod.Hybrid or MigrationMethod.HotStandby
            ? new DeltaCache(_options.DeltaCacheBytes, PageRegion.PageSize, _region.PageCount)
            : null;
        _builder = new PageBatchBuilder(_channel.PagesPerFrame(_options.BatchPages), cache, _options.ZeroPageElision, _region);
        LogStarting(_options.MigrationId, method, _region.PageCount);
        // Held in a local as well: the list goes back to the pool once, whatever the field holds then.
        var pages = PageLists.Rent(_region.PageCount);
        _pages = pages;
        try
        {
            SetPhase(MigrationPhase.Handshake);
            await Handshake.AsSourceAsync(Channel, _options, _time, ct);
            await Channel.SendAsync(new BeginFrame
            {
                MigrationId = _options.MigrationId,
                CellId = _options.CellId,
                Method = method.ToString(),
                PageSize = PageRegion.PageSize,
                PageCount = _region.PageCount,
                SourceNodeId = _options.SourceNodeId,
                TargetNodeId = _options.TargetNodeId,
            }, ct);

            switch (method)
            {
                case MigrationMethod.StopAndCopy:
                    await StopAndSendRestAsync(MarkAll(), ct);
                    break;
                case MigrationMethod.Precopy:
                    await PrecopyRoundsAsync(_options.MaxRounds, useStopRule: true, ct);
                    await StopAndSendRestAsync(0, ct);
                    break;
                case MigrationMethod.Postcopy:
                case MigrationMethod.Hybrid:
                    await PostcopyAsync(method == MigrationMethod.Hybrid, ct);
                    break;
                case MigrationMethod.Redundancy:
                case MigrationMethod.HotStandby:
                    await ReplicaAsync(method == MigrationMethod.HotStandby, ct);
                    break;
                case MigrationMethod.Stateless:
                    await StatelessAsync(ct);
                    break;
                default:
                    throw new MigrationAbortedException(AbortReason.ProtocolError, $"Method {method} cannot run; resolve Auto first.");
            }

            await AwaitCommitAsync(ct);
            SetPhase(MigrationPhase.Committed);
            _host.RequestStop();
            LogCommitted(_options.MigrationId, _stopTti);
            return Result(method, start, committed: true, null, null);
        }
        catch (Exception ex) when (ex is MigrationAbortedException or TransportException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (ex is TransportException)
            {
                // Read what the peer sent before it closed (never in an exception filter: a peer
                // abort thrown there would be swallowed with the frame that carried it).
                try
                {
                    if (await DrainPeerVerdictAsync() && _tokenHanded)
                    {
                        // The destination committed and closed before we read its commit.
                        SetPhase(MigrationPhase.Committed);
                        _host.RequestStop();
                        LogCommitted(_options.MigrationId, _stopTti);
                        return Result(method, start, committed: true, null, null);
                    }
                }
                catch (MigrationAbortedException peer)
                {
                    // The peer said why before it closed, or sent a commit that was not ours:
                    // report that reason, not the closed link.
                    ex = peer;
                }
            }

            var reason = ex switch
            {
                MigrationAbortedException m => m.Reason,
                OperationCanceledException when cancellationToken.IsCancellationRequested => AbortReason.Requested,
                OperationCanceledException => AbortReason.Timeout,
                _ => AbortReason.DestinationFailed,
            };
            // The source runs on when the destination never got the token, or got it but said in
            // its abort that it dropped it without running (a frame before the token was bad).
            bool resume = !_tokenHanded || ex is MigrationAbortedException { FromPeer: true, PeerRunning: false };
            if (ex is not MigrationAbortedException { FromPeer: true })
            {
                await Channel.TrySendAbortAsync(reason, ex.Message, running: resume);
            }

            bool resumed = false;
            if (resume)
            {
                // The source is the one running copy.
                _host.Stack.Throttle = 0;
                _host.Boundary = null;
                _host.TtiCompleted = null;
                // Also cancels a switch pause agreed for a later TTI (hot standby) that has not happened.
                if (_tokenHanded && _checkpointTti >= 0)
                {
                    // Post-copy, the destination died: this copy holds its last reverse checkpoint.
                    _host.ResumeAt(_checkpointTti + 1);
                    _resumedAt = _checkpointTti + 1;
                }
                else
                {
                    _host.Resume();
                    _resumedAt = _tokenHanded ? _host.NextTti : -1;
                }

                resumed = true;
            }

            SetPhase(MigrationPhase.Aborted);
            LogAborted(_options.MigrationId, reason, ex.Message, resumed);
            return Result(method, start, committed: false, reason, ex.Message);
        }
        finally
        {
            // Every use of the list is on this run's path, and the run has ended.
            _pages = [];
            PageLists.Return(pages);
            DropReverseStaging();
            _snapshot?.Dispose();
            _snapshot = null;
            await Channel.DisposeAsync();
            _builder.Dispose();
        }
    }

    private MigrationResult Result(MigrationMethod method, long start, bool committed, AbortReason? reason, string? message) => new()
    {
        Method = method,
        Committed = committed,
        AbortReason = reason,
        Message = message,
        Rounds = _rounds.Count,
        Converged = _converged,
        Throttle = _host.Stack.Throttle,
        BytesSent = Channel.BytesSent,
        BytesReceived = Channel.BytesReceived,
        PagesSent = _builder!.ZeroPages + _builder.DeltaPages + _builder.RawPages,
        ZeroPages = _builder.ZeroPages,
        DeltaPages = _builder.DeltaPages,
        DemandFaults = _demandFaults,
        StopTti = _stopTti,
        StopTimestamp = _stopTimestamp,
        StartTimestamp = start,
        EndTimestamp = _time.GetTimestamp(),
        MeasuredBytesPerSecond = _pageSeconds > 0 ? _pageBytesSent / _pageSeconds : 0,
        RoundLog = _rounds.ToArray(),
        Phases = _phaseMarks.ToArray(),
        Recoveries = _recoveries,
        ReverseCheckpoints = _checkpointsApplied,
        ResumedAtTti = _resumedAt,
    };

    private void SetPhase(MigrationPhase phase)
    {
        Phase = phase;
        _phaseMarks.Add(new PhaseMark(phase, _time.GetTimestamp()));
        PhaseChanged?.Invoke(phase);
    }

    private int MarkAll()
    {
        _region.MarkAllDirty();
        return 0;
    }

    /// <summary>
    /// Waits for the destination to take everything already sent, then pauses the stack at the
    /// next TTI boundary and tells the destination. Without the wait, a source that sends into a
    /// deep ring faster than the destination applies stopped with up to 16 MiB in flight: the
    /// stop rule's bandwidth is measured into the ring, and the backlog's apply (~2 ms at 64 MiB)
    /// was downtime (pre-copy downtime p50 0.8-2.4 ms once the send path got faster).
    /// </summary>
    private async Task StopAtBoundaryAsync(int round, CancellationToken ct)
    {
        await Channel.DrainAsync(ct);
        var boundary = await _host.PauseAsync().WaitAsync(ct);
        _stopTti = boundary.LastTti;
        _stopTimestamp = boundary.Timestamp;
        SetPhase(MigrationPhase.Stopped);
        await Channel.SendAsync(new StopFrame { Round = round, LastTti = boundary.LastTti, StoppedAt = _time.GetUtcNow() }, ct);
    }

    /// <summary>Stop-and-copy and the pre-copy stop: pause, send what is dirty, hand over the execution state.</summary>
    private async Task StopAndSendRestAsync(int round, CancellationToken ct)
    {
        int finalRound = Math.Max(round, _rounds.Count);
        await StopAtBoundaryAsync(finalRound, ct);
        _pages.Clear();
        _region.HarvestDirty(_pages);
        // The stopped round goes raw: it is downtime, and encoding a delta costs more time than
        // the bytes it saves take on the wire (probe: ~140 pages, 0.5-1.4 ms with deltas).
        await SendRoundAsync(finalRound, useDelta: false, ct);
        await HandOverAsync(new ExecutionState(_host.NextTti, _host.Clock, []), ct);
    }

    private async Task HandOverAsync(ExecutionState state, CancellationToken ct)
    {
        var frame = new ExecutionStateFrame { LastTti = state.NextTti - 1, State = state.ToBytes(), CapturedAt = _time.GetUtcNow() };
        SetPhase(MigrationPhase.StateSent);
        await Channel.SendAsync(frame, ct);

        // Only a frame the link took counts as handed over: a send that threw never reached the peer.
        _tokenHanded = true;
    }

    /// <summary>Sends the pages in <see cref="_pages"/> as one round and records it.</summary>
    private async Task SendRoundAsync(int round, bool useDelta, CancellationToken ct)
    {
        long t0 = _time.GetTimestamp();
        long bytes = await SendPagesAsync(_pages, round, 0, useDelta, _readPage, ct);
        double seconds = _time.GetElapsedTime(t0).TotalSeconds;
        _pageBytesSent += bytes;
        _pageSeconds += seconds;
        int dirty = _region.DirtyCount;
        _rounds.Add(new RoundRecord(round, _pages.Count, bytes, seconds, dirty));
        await Channel.SendAsync(new RoundEndFrame { Round = round, PagesSent = _pages.Count, BytesSent = bytes, DirtyPages = dirty }, ct);
    }

    private async Task<long> SendPagesAsync(List<int> pages, int round, long requestId, bool useDelta, PageSource source, CancellationToken ct) =>
        await Channel.SendPagesAsync(_builder!, pages, round, requestId, useDelta, source, PollControl, ct);

    /// <summary>Between batches: raises a peer abort; anything else the peer may not send now is a protocol error.</summary>
    private void PollControl()
    {
        if (Channel.TryReceive(out var frame))
        {
            using (frame)
            {
                throw new MigrationAbortedException(AbortReason.ProtocolError, $"Unexpected {frame.Type} frame during {Phase}.");
            }
        }
    }

    /// <summary>Takes the destination's commit; one naming another migration is a protocol error, never a commit.</summary>
    private void TakeCommit(ReceivedFrame frame)
    {
        if (FrameChannel.Read<CommitFrame>(frame).MigrationId != _options.MigrationId)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, "Commit for another migration.");
        }

        _commitSeen = true;
    }

    private async Task AwaitCommitAsync(CancellationToken ct)
    {
        SetPhase(MigrationPhase.AwaitingCommit);
        while (!_commitSeen)
        {
            using var frame = await Channel.ReceiveAsync(ct);
            switch (frame.Type)
            {
                case FrameType.Resume:
                    continue;
                case FrameType.Commit:
                    TakeCommit(frame);
                    return;
                case FrameType.PageRequest:
                case FrameType.ReplicaOutputs:
                    // Late post-copy requests or review outputs after the switch: nothing more to do.
                    continue;
                default:
                    throw new MigrationAbortedException(AbortReason.ProtocolError, $"Unexpected {frame.Type} frame while awaiting commit.");
            }
        }
    }
}
