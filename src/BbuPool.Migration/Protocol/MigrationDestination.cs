using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BbuPool.Core.Migration;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Migration.Threading;
using BbuPool.Transport;
using BbuPool.Wire.Frames;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// The destination end: authenticates the source, receives pages, and starts the stack when it
/// holds the token (execution state, or the switch for replicas). Before that, any failure drops
/// what it received: the source is still the running copy.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The channel lives for one RunAsync call, which disposes it.")]
public sealed partial class MigrationDestination : IPageFaultHandler
{
    private readonly Func<BeginFrame, (IStack Stack, PageRegion Region)> _create;
    private readonly Func<long, TtiInput> _inputs;
    private readonly StackHostOptions _hostOptions;
    private readonly MigrationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<ReplicaTti> _replicaOutputs = new();
    private readonly TtiSignal _outputsReady = new();

    // The output pump's frame list, reused: the pump now flushes on every replica TTI, and a
    // fresh list each time was an allocation per TTI (the source's feed reuses its list too).
    private readonly List<ReplicaTti> _outputBatch = [];
    private FrameChannel? _channel;
    private MigrationMethod _method;
    private IStack? _stack;
    private PageRegion? _region;
    private bool _postcopy;
    private bool _running;
    private bool _committed;
    private int _rounds;
    private long _stopTti = -1;
    private long _fedThrough = -1;
    private bool _switched;
    private CancellationTokenSource? _receive;
    private long _faults;
    private long _requestIds;
    private int _recoveries;

    /// <summary>Creates a destination end.</summary>
    /// <param name="createStack">Makes the stack and an empty region of the announced page count.</param>
    /// <param name="inputs">The radio at this node: the input of each TTI once active.</param>
    /// <param name="hostOptions">How to host the stack here (period, pinning).</param>
    /// <param name="options">The migration's options (same key as the source).</param>
    /// <param name="timeProvider">Clock (System by default; must be the source's clock domain).</param>
    /// <param name="logger">Logger.</param>
    public MigrationDestination(
        Func<BeginFrame, (IStack Stack, PageRegion Region)> createStack,
        Func<long, TtiInput> inputs,
        StackHostOptions hostOptions,
        MigrationOptions options,
        TimeProvider? timeProvider = null,
        ILogger<MigrationDestination>? logger = null)
    {
        _create = createStack ?? throw new ArgumentNullException(nameof(createStack));
        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _hostOptions = hostOptions ?? throw new ArgumentNullException(nameof(hostOptions));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The stack host here: a replica while following, the running copy once resumed; null before.</summary>
    public StackHost? Host { get; private set; }

    /// <summary>The region received (owned by the caller after the migration).</summary>
    public PageRegion? Region => _region;

    /// <summary>Current phase.</summary>
    public MigrationPhase Phase { get; private set; } = MigrationPhase.Idle;

    /// <summary>True once this end holds the running copy.</summary>
    public bool IsRunningCopy => _running;

    private FrameChannel Channel => _channel ?? throw new InvalidOperationException("No session.");

    /// <summary>Runs the destination end over <paramref name="link"/>; returns how it ended.</summary>
    public async Task<MigrationResult> RunAsync(ITransportLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        long start = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);

        // Cancelled also when the running stack fails (post-copy), so the loop stops waiting for frames.
        using var receive = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        _receive = receive;
        var ct = receive.Token;
        _channel = new FrameChannel(link, _time, 0);
        try
        {
            Phase = MigrationPhase.Handshake;
            await Handshake.AsDestinationAsync(Channel, _options, _time, ct);
            await ReceiveBeginAsync(ct);
            await ReceiveLoopAsync(ct);
            Phase = MigrationPhase.Committed;
            return Result(start, null, null);
        }
        catch (Exception ex) when (ex is MigrationAbortedException or TransportException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (_stackFailure is { } failed)
            {
                // The running copy here died: say so, and the source takes the stack back from the
                // last reverse checkpoint.
                ex = new MigrationAbortedException(AbortReason.DestinationFailed, "The stack failed here: " + failed.Message, failed);
                _running = false;
            }

            var reason = ex switch
            {
                MigrationAbortedException m => m.Reason,
                OperationCanceledException when cancellationToken.IsCancellationRequested => AbortReason.Requested,
                OperationCanceledException => AbortReason.Timeout,
                _ => AbortReason.SourceFailed,
            };
            if (!_running && Host is { } host)
            {
                // A replica or a half-received image never became the running copy: drop it
                // before saying so, so the source may resume.
                host.Stop();
                Host = null;
            }

            if (ex is not MigrationAbortedException { FromPeer: true })
            {
                await Channel.TrySendAbortAsync(reason, ex.Message, running: _running);
            }

            Phase = MigrationPhase.Aborted;
            LogAborted(ex, _options.MigrationId, reason, ex.Message, _running);
            return Result(start, reason, ex.Message);
        }
        finally
        {
            await receive.CancelAsync();
            await Channel.DisposeAsync();
        }
    }

    private MigrationResult Result(long start, AbortReason? reason, string? message) => new()
    {
        Method = _method,
        Committed = _committed,
        AbortReason = reason,
        Message = message,
        Rounds = _rounds,
        BytesSent = Channel.BytesSent,
        BytesReceived = Channel.BytesReceived,
        DemandFaults = Interlocked.Read(ref _faults),
        StopTti = _stopTti,
        StartTimestamp = start,
        EndTimestamp = _time.GetTimestamp(),
        Recoveries = _recoveries,
        ReverseCheckpoints = _checkpointsSent,
    };

    private async Task ReceiveBeginAsync(CancellationToken ct)
    {
        using var frame = await Channel.ReceiveAsync(ct);
        if (frame.Type != FrameType.Begin)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"Expected begin, got {frame.Type}.");
        }

        var begin = FrameChannel.Read<BeginFrame>(frame);
        if (begin.MigrationId != _options.MigrationId || begin.PageSize != PageRegion.PageSize || begin.PageCount is <= 0 or > int.MaxValue)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"Begin does not match: id {begin.MigrationId}, page size {begin.PageSize}, {begin.PageCount} pages.");
        }

        if (!Enum.TryParse(begin.Method, out _method) || _method == MigrationMethod.Auto)
        {
            throw new MigrationAbortedException(AbortReason.ProtocolError, $"Unknown method '{begin.Method}'.");
        }

        (_stack, _region) = _create(begin);
        if (_region.PageCount != begin.PageCount)
        {
            throw new MigrationAbortedException(AbortReason.DestinationFailed, "Region size differs from the source's.");
        }

        if (_method == MigrationMethod.Stateless)
        {
            // Make-before-break: the fresh stack is ready before the source stops; say so.
            _stack.Initialize(_region);
            await Channel.SendAsync(new ReplicaOutputsFrame(), ct);
        }

        if (_method != MigrationMethod.Stateless)
        {
            // The TTI thread is taken now (a parked one when a host has handed one back), waiting
            // for its start, so taking over costs no thread start inside the downtime.
            Host = new StackHost(_stack, _region, _inputs, _hostOptions, _time);
            Host.Prepare();
        }

        Phase = MigrationPhase.Rounds;
        LogBegin(_options.MigrationId, _method, begin.PageCount);
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        while (!_committed)
        {
            try
            {
                await ReceiveOneAsync(ct);
            }
            catch (TransportException) when (_postcopy && _running && _options.Reconnect is not null && !ct.IsCancellationRequested)
            {
                // Post-copy with the destination running: the source still holds every page, so a
                // new link recovers the rest (any send or receive of this step may be the one that failed).
                await RecoverAsync(ct);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveOneAsync(CancellationToken ct)
    {
        if (_postcopy && _running && _region!.PresentCount == _region.PageCount)
        {
            await CommitAsync(ct);
            return;
        }

        if (_switched && (Host!.Mode != StackHostMode.Follower || _fedThrough >= _stopTti))
        {
            // The replica is active from the switch TTI on and holds (or no longer needs) every
            // forwarded input before it: the source may let go.
            await CommitAsync(ct);
            return;
        }

        using var frame = await NextFrameAsync(ct);
        switch (frame.Type)
        {
            case FrameType.Pages:
                ApplyPages(frame.Body.Span);
                break;
            case FrameType.Resume when _postcopy && _running:
                // The source applied a reverse checkpoint: it could resume at this TTI.
                OnCheckpointApplied(FrameChannel.Read<ResumeFrame>(frame).FirstTti - 1);
                break;
            case FrameType.RoundEnd:
                _rounds++;
                break;
            case FrameType.Stop:
                _stopTti = FrameChannel.Read<StopFrame>(frame).LastTti;
                if (_method is MigrationMethod.Redundancy or MigrationMethod.HotStandby)
                {
                    await SwitchAsync(ct);
                }

                break;
            case FrameType.ExecutionState:
                await OnExecutionStateAsync(ExecutionState.Parse(ReadBlob(frame)), ct);
                break;
            case FrameType.ReplicaFeed when Host is { } replica:
                foreach (var e in FrameChannel.Read<ReplicaFeedFrame>(frame).Entries)
                {
                    _fedThrough = Math.Max(_fedThrough, e.Tti);
                    if (replica.Mode == StackHostMode.Follower)
                    {
                        // A shadow or promoted replica takes its inputs from the radio: nothing to feed.
                        replica.Feed(ReplicaTtis.Input(e));
                    }
                }

                break;
            default:
                throw new MigrationAbortedException(AbortReason.ProtocolError, $"Unexpected {frame.Type} frame in {Phase}.");
        }
    }

    private static ReadOnlySpan<byte> ReadBlob(in ReceivedFrame frame) => ExecutionStateFrame.Read(frame.Body).State.Span;

    /// <summary>Next frame (blocking on the link: its wake-up, not a poll interval, bounds the switch latency).</summary>
    private ValueTask<ReceivedFrame> NextFrameAsync(CancellationToken ct) => Channel.ReceiveAsync(ct);

    /// <summary>Sends the replica's outputs back as each replica TTI ends (or every 5 ms) until the switch, for the source's review.</summary>
    private async Task PumpOutputsAsync(CancellationToken ct)
    {
        try
        {
            while (!_running && !ct.IsCancellationRequested)
            {
                await FlushOutputsAsync(ct);
                await _outputsReady.WaitAsync(TtiSignal.LivenessWait, _time, ct);
            }
        }
        catch (Exception ex) when (ex is TransportException or OperationCanceledException or ObjectDisposedException)
        {
            // The receive loop sees the same failure and handles it.
        }
    }

    private void ApplyPages(ReadOnlySpan<byte> body)
    {
        var region = _region ?? throw new MigrationAbortedException(AbortReason.ProtocolError, "Pages before begin.");
        var pages = new CheckedPages(body, region.PageCount, "pages");
        while (pages.TryReadNext(out var page, out int p))
        {
            if (_postcopy && region.IsPresent(p))
            {
                // Already here (a duplicate push): the running stack may have written it since.
                continue;
            }

            switch (page.Encoding)
            {
                case PageEncoding.Raw when page.Data.Length == PageRegion.PageSize:
                    region.StorePage(p, page.Data);
                    break;
                case PageEncoding.Zero:
                    region.ZeroPage(p);
                    break;
                case PageEncoding.DeltaXbzrle:
                    try
                    {
                        PageDelta.Apply(page.Data, region.Page(p));
                    }
                    catch (FormatException ex)
                    {
                        throw new MigrationAbortedException(AbortReason.ProtocolError, $"Bad delta for page {p}.", ex);
                    }

                    region.SetPresent(p);
                    break;
                default:
                    throw new MigrationAbortedException(AbortReason.ProtocolError, $"Page {p}: bad encoding {page.Encoding} or length {page.Data.Length}.");
            }
        }
    }

    private async Task OnExecutionStateAsync(ExecutionState state, CancellationToken ct)
    {
        var region = _region!;
        Host ??= new StackHost(_stack!, region, _inputs, _hostOptions, _time);
        switch (_method)
        {
            case MigrationMethod.Redundancy:
            case MigrationMethod.HotStandby:
                Phase = MigrationPhase.Replicating;
                Host.TtiCompleted = (input, output) =>
                {
                    _replicaOutputs.Enqueue(ReplicaTtis.From(input, output));
                    _outputsReady.Set();
                };
                Host.StartFollower(state.NextTti, state.Clock, shadowWhenCaughtUp: _method == MigrationMethod.HotStandby);
                _ = Task.Run(() => PumpOutputsAsync(ct), ct);
                return;
            case MigrationMethod.Postcopy:
            case MigrationMethod.Hybrid:
                _postcopy = true;
                region.AttachFaultHandler(this, markAllAbsent: false);
                for (int w = 0; w < state.StalePages.Length; w++)
                {
                    ulong bits = state.StalePages[w];
                    while (bits != 0)
                    {
                        int b = System.Numerics.BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        int p = (w << 6) | b;
                        if (p < region.PageCount)
                        {
                            region.ClearPresent(p);
                        }
                    }
                }

                if (_options.FaultThrottling)
                {
                    _stack!.Throttle = 1.0;
                }

                long first = state.NextTti;
                Host.Boundary = tti => OnPostcopyBoundary(tti, first);
                // Not cancelled by ct before it starts: the pump's end is what stops the cuts.
                _ = Task.Run(() => PumpCheckpointsAsync(_receive!, ct), CancellationToken.None);
                break;
        }

        region.ClearDirty();
        _running = true;
        Phase = _postcopy ? MigrationPhase.Serving : MigrationPhase.StateSent;
        Host.StartClocked(state.NextTti, state.Clock);
        await Channel.SendAsync(new ResumeFrame { FirstTti = state.NextTti, ResumedAt = _time.GetUtcNow() }, ct);
        if (!_postcopy)
        {
            await CommitAsync(ct);
        }
    }

    private async Task SwitchAsync(CancellationToken ct)
    {
        var host = Host is { } h && Phase == MigrationPhase.Replicating ? h : throw new MigrationAbortedException(AbortReason.ProtocolError, "Switch before the replica started.");
        if (!host.TryPromoteAt(_stopTti + 1))
        {
            // The agreed switch TTI already ran here as a shadow: too late to take over without a
            // gap. Drop the replica (the abort says so) and let the source run on.
            throw new MigrationAbortedException(AbortReason.DeadlineAtRisk, $"Switch at TTI {_stopTti + 1} arrived after the replica ran it.");
        }

        _running = true;
        _switched = true;
        host.TtiCompleted = null;
        Phase = MigrationPhase.StateSent;
        await Channel.SendAsync(new ResumeFrame { FirstTti = _stopTti + 1, ResumedAt = _time.GetUtcNow() }, ct);
    }

    private async Task CommitAsync(CancellationToken ct)
    {
        if (_postcopy)
        {
            _region!.DetachFaultHandler();
            _stack!.Throttle = 0;
            Host!.Boundary = null;
        }

        await Channel.SendAsync(new CommitFrame { MigrationId = _options.MigrationId, CommittedAt = _time.GetUtcNow() }, ct);
        _committed = true;
        LogCommitted(_options.MigrationId, _stopTti + 1);
    }

    private async Task FlushOutputsAsync(CancellationToken ct)
    {
        while (ReplicaTtis.TakeBatch(_replicaOutputs, _outputBatch))
        {
            await Channel.SendAsync(new ReplicaOutputsFrame { Entries = _outputBatch }, ct);
        }
    }
}
