using System.Collections.Concurrent;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Migration.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BbuPool.Migration.Hosting;

/// <summary>
/// Runs one stack's TTI loop on a dedicated thread (pinned when asked). Clocked hosts follow the
/// cell's TTI grid and count deadline misses; follower hosts (replicas) run forwarded inputs as
/// they come. Every control step (pause, resume, promote) takes effect at a TTI boundary.
/// </summary>
public sealed partial class StackHost : IDisposable
{
    private readonly IStack _stack;
    private readonly PageRegion _region;
    private readonly Func<long, TtiInput> _inputs;
    private readonly StackHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlockingCollection<TtiInput> _feed = new(new ConcurrentQueue<TtiInput>());
    // Rented (65,536 longs = 512 KiB, a large-object-heap array): a destination host per migration
    // allocating its own ring fed a gen-2 collection every few migrations, and every collection
    // suspends the TTI threads.
    private long[] _durations;
    private readonly object _gate = new();

    // The TTI loop runs on a parked thread (see Prepare); null until Prepare or a Start call.
    private ParkedThreads.Run? _run;
    private TtiClock _clock;
    private TaskCompletionSource<TtiBoundary>? _pause;
    private volatile bool _pauseRequested;
    private volatile bool _stop;
    private volatile bool _paused;

    // Set under the gate when the loop has ended, before its thread is put back and parked: a
    // pause asked in between is answered at once instead of waiting on a loop that is gone.
    private volatile bool _loopEnded;

    // 1 from the moment the TTI thread commits to a clocked TTI until the TTI is done. A pause
    // that finds it 0 claims the boundary at once (the thread checks for a pause after setting
    // it, both sides fenced): the sleeping thread answered a pause only when it woke for the next
    // slot, up to a TTI's slack late (~0.6 ms at 30 % load), and that wait was all downtime.
    private int _inTti;

    // A pause claimed while the thread was between TTIs, before the thread itself parked.
    private bool _claimed;
    private bool _started;
    private long _promoteAt = -1;
    private long _pauseAfter = -1;
    private long _shadowThrough = -1;
    private bool _shadowWhenCaughtUp;
    private long _nextTti;
    private long _firstTti = -1;
    private long _lastTti = -1;
    private long _firstTimestamp;
    private long _lastTimestamp;
    private long _completed;
    private long _misses;

    // The last misses, for a benchmark to tell where they fell; written by the TTI thread alone.
    // The bench reads them after each migration: 256 is over six times the worst mean per
    // migration seen (1,129 over 30 hot-standby 64 MiB migrations while the host stole 3.4 s).
    private readonly TtiMiss[] _missLog = new TtiMiss[MissLogLength];
    private long _gaps;
    private volatile StackHostMode _mode;

    /// <summary>Creates a host; nothing runs until a Start call.</summary>
    /// <param name="stack">The stack's code.</param>
    /// <param name="region">The stack's state.</param>
    /// <param name="inputs">The radio: the input of each TTI for a clocked host.</param>
    /// <param name="options">Timing and pinning.</param>
    /// <param name="timeProvider">Clock (System by default).</param>
    /// <param name="logger">Logger.</param>
    public StackHost(IStack stack, PageRegion region, Func<long, TtiInput> inputs, StackHostOptions options, TimeProvider? timeProvider = null, ILogger<StackHost>? logger = null)
    {
        _stack = stack ?? throw new ArgumentNullException(nameof(stack));
        _region = region ?? throw new ArgumentNullException(nameof(region));
        _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.RealtimePriority is { } priority && (priority < StackHostOptions.MinRealtimePriority || priority > StackHostOptions.MaxRealtimePriority))
        {
            throw new ArgumentOutOfRangeException(nameof(options), priority, $"RealtimePriority must be {StackHostOptions.MinRealtimePriority}-{StackHostOptions.MaxRealtimePriority}");
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _durations = MigrationBuffers.Longs.Rent(Math.Max(16, options.TimingCapacity));
    }

    /// <summary>The stack's code.</summary>
    public IStack Stack => _stack;

    /// <summary>
    /// Where the TTI thread comes from and goes back to (the process's set by default; a test's
    /// own set). A migration's source hands its thread back at commit, and the next destination
    /// takes it instead of starting one: Thread.Start cost 0.6 ms p50 and 2.3 ms p90 inside a
    /// destination's begin, where the receive path reads no frame meanwhile.
    /// </summary>
    internal ParkedThreads Threads { get; init; } = ParkedThreads.Shared;

    /// <summary>The stack's state.</summary>
    public PageRegion Region => _region;

    /// <summary>The clock this host times TimeProvider stamps with.</summary>
    public TimeProvider Time => _time;

    /// <summary>The TTI grid (valid once clocked).</summary>
    public TtiClock Clock => _clock;

    /// <summary>Clocked (active) or follower (replica).</summary>
    public StackHostMode Mode => _mode;

    /// <summary>The TTI this host runs next.</summary>
    public long NextTti => Interlocked.Read(ref _nextTti);

    /// <summary>First TTI this host processed, or -1.</summary>
    public long FirstTti => Interlocked.Read(ref _firstTti);

    /// <summary>Last TTI this host processed, or -1.</summary>
    public long LastTti => Interlocked.Read(ref _lastTti);

    /// <summary>Timestamp at which this host's first TTI completed.</summary>
    public long FirstCompletedTimestamp => Interlocked.Read(ref _firstTimestamp);

    /// <summary>Timestamp at which this host's first TTI as a clocked (active) copy completed.</summary>
    public long FirstClockedTimestamp { get; private set; }

    /// <summary>Timestamp at which this host's first TTI as the active copy began processing.</summary>
    public long FirstClockedStartTimestamp { get; private set; }

    /// <summary>First TTI this host ran as the active (clocked) copy, or -1.</summary>
    public long FirstClockedTti { get; private set; } = -1;

    /// <summary>Timestamp at which this host's last TTI completed.</summary>
    public long LastCompletedTimestamp => Interlocked.Read(ref _lastTimestamp);

    /// <summary>True while the thread runs (paused included).</summary>
    public bool IsRunning => LoopLive && !_stop;

    /// <summary>True once the TTI thread runs under SCHED_FIFO (<see cref="StackHostOptions.RealtimePriority"/>).</summary>
    public bool IsRealtime { get; private set; }

    // The loop runs, or waits for its start (under the gate for a decision).
    private bool LoopLive => _run is { IsCompleted: false } && !_loopEnded;

    /// <summary>True while parked at a TTI boundary.</summary>
    public bool IsPaused => _paused;

    /// <summary>The exception that stopped the TTI loop, if any.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Called on the TTI thread after each TTI with its input and output. Keep it short.</summary>
    public Action<TtiInput, ulong>? TtiCompleted { get; set; }

    /// <summary>Called on the TTI thread at each boundary, after <see cref="TtiCompleted"/>, with the last TTI done.</summary>
    public Action<long>? Boundary { get; set; }

    /// <summary>Starts as the active copy at <paramref name="firstTti"/> on <paramref name="clock"/> (a new grid starting now when null).</summary>
    public void StartClocked(long firstTti, TtiClock? clock = null)
    {
        _clock = clock ?? new TtiClock(_time.GetTimestamp(), firstTti, _options.TtiPeriod, _time.TimestampFrequency);
        _mode = StackHostMode.Clocked;
        Start(firstTti);
    }

    /// <summary>Starts as a replica that runs the inputs given to <see cref="Feed"/>, from <paramref name="firstTti"/>.</summary>
    /// <param name="firstTti">The first TTI the replica runs (the one after the snapshot).</param>
    /// <param name="clock">The active copy's TTI grid.</param>
    /// <param name="shadowWhenCaughtUp">
    /// Hot standby: once the forwarded inputs are used up, run on the grid from this node's radio
    /// tap (<see cref="StackHostMode.Shadow"/>) instead of waiting for more.
    /// </param>
    public void StartFollower(long firstTti, TtiClock clock, bool shadowWhenCaughtUp = false)
    {
        _clock = clock;
        _mode = StackHostMode.Follower;
        _shadowWhenCaughtUp = shadowWhenCaughtUp;
        Start(firstTti);
    }

    /// <summary>Hands a replica the input of one TTI (in order; older TTIs are ignored).</summary>
    public void Feed(in TtiInput input) => _feed.Add(input);

    /// <summary>Turns a replica into the active copy once it has run every TTI before <paramref name="tti"/>.</summary>
    public void PromoteAt(long tti)
    {
        if (!TryPromoteAt(tti))
        {
            throw new InvalidOperationException($"TTI {tti} already ran as a shadow.");
        }
    }

    /// <summary>
    /// Turns a replica into the active copy from <paramref name="tti"/> on; false when a shadow
    /// replica already began that TTI (its output went nowhere, so promoting later would leave a gap).
    /// </summary>
    public bool TryPromoteAt(long tti)
    {
        lock (_gate)
        {
            if (_shadowThrough >= tti)
            {
                return false;
            }

            Interlocked.Exchange(ref _promoteAt, tti);
        }

        // Wake a follower blocked on an empty feed at once (the sentinel TTI -1 is skipped).
        if (!_feed.IsAddingCompleted)
        {
            _feed.TryAdd(new TtiInput(-1, 0, 0, 0, 0, 0));
        }

        return true;
    }

    /// <summary>
    /// Parks the loop at the boundary right after TTI <paramref name="tti"/> (at the next boundary
    /// when it already ran): a switch agreed in advance stops exactly there. <see cref="Resume"/>
    /// before then cancels it.
    /// </summary>
    public Task<TtiBoundary> PauseAfterAsync(long tti)
    {
        lock (_gate)
        {
            if (LastTti >= tti || !LoopLive)
            {
                return PauseAsync();
            }

            _pause ??= new TaskCompletionSource<TtiBoundary>(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _pauseAfter, tti);
            return _pause.Task;
        }
    }

    /// <summary>Parks the loop at the next TTI boundary; completes with where it stopped.</summary>
    public Task<TtiBoundary> PauseAsync()
    {
        lock (_gate)
        {
            if (_pause is { } pending)
            {
                return pending.Task;
            }

            var tcs = new TaskCompletionSource<TtiBoundary>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!LoopLive)
            {
                tcs.SetResult(new TtiBoundary(LastTti, NextTti, LastCompletedTimestamp));
                return tcs.Task;
            }

            _pauseRequested = true;
            Interlocked.MemoryBarrier();
            if (_started && _mode == StackHostMode.Clocked && Volatile.Read(ref _inTti) == 0)
            {
                // Between TTIs: the thread will see the flag before it begins another.
                _claimed = true;
                _paused = true;
                tcs.SetResult(new TtiBoundary(LastTti, NextTti, LastCompletedTimestamp));
                return tcs.Task;
            }

            _pause = tcs;

            // A loop already parked (a resume it has not woken for yet) answers this pause too.
            Monitor.PulseAll(_gate);
            return tcs.Task;
        }
    }

    /// <summary>Continues a paused loop with the next TTI, or cancels a pending <see cref="PauseAfterAsync"/> (an aborted migration).</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _pauseRequested = false;
            if (_claimed)
            {
                // Resumed before the thread woke to park: it goes on with its next TTI.
                _claimed = false;
                _paused = false;
            }

            if (Interlocked.Exchange(ref _pauseAfter, -1) >= 0 && _pause is { } pending)
            {
                // A pause agreed for a later TTI that will not happen now.
                _pause = null;
                pending.TrySetCanceled();
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Continues a paused loop at <paramref name="nextTti"/> (a source taking its stack back from a
    /// reverse checkpoint: its state is the destination's at <paramref name="nextTti"/> - 1).
    /// </summary>
    public void ResumeAt(long nextTti)
    {
        lock (_gate)
        {
            if (!_paused)
            {
                throw new InvalidOperationException("ResumeAt needs a host parked at a boundary.");
            }

            Interlocked.Exchange(ref _nextTti, nextTti);
            Interlocked.Exchange(ref _lastTti, nextTti - 1);
        }

        Resume();
    }

    /// <summary>Ends the loop (after a pause, or at the next boundary) and waits for the thread.</summary>
    public void Stop()
    {
        RequestStop();
        if (_run is { } run && run.Thread != Thread.CurrentThread)
        {
            run.Join(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Ends the loop without waiting for the thread to exit: once this returns the loop begins no
    /// further TTI (it checks the flag, set under the gate, before each one and when woken from a
    /// pause), and <see cref="IsRunning"/> is false. <see cref="Stop"/> or <see cref="Dispose"/>
    /// still joins the thread before anything it uses is freed.
    /// </summary>
    /// <remarks>
    /// A migration source calls this at commit, with its stack already parked at the stop: waking
    /// the parked thread and joining its exit took 0.26-0.55 ms p50 on a 2-core machine, of a 4 MiB
    /// pre-copy's 2.5-3.4 ms in all, and nothing about the migration waits on it.
    /// </remarks>
    public void RequestStop()
    {
        lock (_gate)
        {
            _stop = true;
            Monitor.PulseAll(_gate);
        }

        _feed.CompleteAdding();
    }

    /// <summary>TTIs that finished after their deadline so far (no copy of the timings, unlike <see cref="Statistics"/>).</summary>
    public long DeadlineMisses => Interlocked.Read(ref _misses);

    /// <summary>Slots of the miss log: <see cref="MissesSince(long)"/> gives at most this many - 1.</summary>
    public const int MissLogLength = 256;

    /// <summary>
    /// The misses after the first <paramref name="count"/> (a <see cref="DeadlineMisses"/> read
    /// earlier), oldest first: at most the last <see cref="MissLogLength"/> - 1.
    /// </summary>
    public TtiMiss[] MissesSince(long count) => MissesSince(count, out _);

    /// <summary>
    /// As <see cref="MissesSince(long)"/>, with <paramref name="total"/> the miss count the entries
    /// were read against (total - count misses happened; more than the entries when the log
    /// wrapped), so a caller's count and its entries come from one snapshot.
    /// </summary>
    public TtiMiss[] MissesSince(long count, out long total)
    {
        total = Interlocked.Read(ref _misses);
        long from = Math.Clamp(count, Math.Max(0, total - MissLogLength), total);
        var misses = new TtiMiss[total - from];
        for (long k = from; k < total; k++)
        {
            misses[k - from] = _missLog[k % MissLogLength];
        }

        // A running thread may have overwritten the oldest slots meanwhile, and may be writing the
        // slot of the miss after the count it published: drop every entry whose slot that could
        // be (a seqlock's check), so a full log gives its last MissLogLength - 1.
        long firstSafe = Interlocked.Read(ref _misses) + 1 - MissLogLength;
        return firstSafe > from ? misses[(int)Math.Min(misses.Length, firstSafe - from)..] : misses;
    }

    /// <summary>A snapshot of the TTI timings (after <see cref="Dispose"/>: the counts only).</summary>
    public TtiStatistics Statistics()
    {
        long n = Interlocked.Read(ref _completed);
        var durations = _durations;
        int k = (int)Math.Min(n, durations.Length);
        if (k == 0)
        {
            return new TtiStatistics(n, Interlocked.Read(ref _misses), Interlocked.Read(ref _gaps), 0, 0, 0);
        }

        long[] copy = durations.AsSpan(0, k).ToArray();
        Array.Sort(copy);
        double us = 1e6 / _time.TimestampFrequency;
        return new TtiStatistics(
            n,
            Interlocked.Read(ref _misses),
            Interlocked.Read(ref _gaps),
            copy[(int)((k - 1) * 0.5)] * us,
            copy[(int)((k - 1) * 0.99)] * us,
            copy[k - 1] * us);
    }

    /// <summary>Stops the loop and frees the wait handles (not the region: its owner frees it).</summary>
    public void Dispose()
    {
        Stop();
        _feed.Dispose();
        if (_run is not { IsCompleted: false })
        {
            // The loop has ended (Stop joins it), so nothing writes the ring any more.
            MigrationBuffers.ReturnOnce(MigrationBuffers.Longs, ref _durations);
        }
    }

    /// <summary>
    /// Takes the TTI thread ahead of time (a parked one when there is one), waiting until a Start
    /// call: a migration destination prepares its host when the migration begins, so taking over
    /// costs no thread start (and no allocation of the timing ring) inside the downtime.
    /// </summary>
    public void Prepare()
    {
        lock (_gate)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException("A host runs once.");
            }

            _run = Threads.Start(RunLoop, _options.Name);
        }
    }

    private void Start(long firstTti)
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("A host runs once.");
            }

            Interlocked.Exchange(ref _nextTti, firstTti);
            _started = true;
            if (_run is null)
            {
                _run = Threads.Start(RunLoop, _options.Name);
            }
            else
            {
                // Prepared: wake the parked thread.
                Monitor.PulseAll(_gate);
            }
        }
    }
}
