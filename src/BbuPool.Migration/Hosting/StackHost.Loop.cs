using BbuPool.Migration.Stacks;
using BbuPool.Migration.Threading;
using BbuPool.Transport.Threading;

namespace BbuPool.Migration.Hosting;

/// <summary>The TTI loop itself.</summary>
public sealed partial class StackHost
{
    // Early wake of the Yield wait: at least 80 us (Linux timer slack 50 us + a 25-60 us wake-up on
    // an idle machine), at most 500 us (half a TTI of yielding). Between the two it follows the
    // oversleep this thread sees: on this shared VM usleep overslept by 100-300 us, so a fixed 80 us
    // made a hot-standby replica start its first active TTI 244 us late at p50 (49 us with 300).
    private const double MinEarlySeconds = 80e-6;
    private const double MaxEarlySeconds = 500e-6;

    // Oversleep estimate: an EWMA over 16 sleeps, doubled as the margin (a p90-ish cover for a
    // right-skewed wake-up latency), plus 30 us.
    private double _oversleepTicks;

    /// <summary>
    /// Runs the loop on a parked TTI thread, then puts the thread back as it found it (CPU mask,
    /// scheduling policy) for the next host; a thread that cannot be put back leaves instead.
    /// </summary>
    private void RunLoop()
    {
        var thread = Thread.CurrentThread;
        bool pinned = _options.PinnedCore is not null;
        CpuSet found = default;
        bool known = pinned && CpuAffinity.TryGetCurrentThreadSet(out found);
        thread.Priority = ThreadPriority.AboveNormal;
        try
        {
            Loop();
        }
        finally
        {
            // The policy first: the runtime's priority setter maps a priority within the policy
            // it finds, and under FIFO that would be a real-time priority again.
            bool restored = (!CpuAffinity.IsCurrentThreadFifo() || CpuAffinity.TryClearFifoPriority())
                && (!pinned || (known && CpuAffinity.TrySetCurrentThreadSet(found)));
            thread.Priority = ThreadPriority.Normal;
            if (!restored)
            {
                ParkedThreads.RetireCurrentThread();
            }
        }
    }

    private void Loop()
    {
        if (_options.PinnedCore is { } core && !CpuAffinity.TryPinCurrentThread(core))
        {
            LogPinFailed(_options.Name, core);
        }

        _stack.PrepareThread();

        long deadlineTicks = (long)((_options.Deadline ?? (_options.TtiPeriod > TimeSpan.Zero ? _options.TtiPeriod : TimeSpan.FromMilliseconds(1))).TotalSeconds * _time.TimestampFrequency);
        lock (_gate)
        {
            // A prepared host waits here for its Start (or a Stop).
            while (!_started && !_stop)
            {
                Monitor.Wait(_gate);
            }
        }

        ApplyRealtimePriority(_mode == StackHostMode.Clocked);
        try
        {
            while (!_stop)
            {
                if (_pauseRequested)
                {
                    ParkAtBoundary();
                    continue;
                }

                long tti = Interlocked.Read(ref _nextTti);
                TtiInput input;
                long start;
                var mode = _mode;
                if (mode != StackHostMode.Clocked && Interlocked.Read(ref _promoteAt) is var at && at >= 0 && tti >= at)
                {
                    _mode = StackHostMode.Clocked;
                    ApplyRealtimePriority(active: true);
                    LogPromoted(_options.Name, tti);
                    continue;
                }

                if (mode == StackHostMode.Follower)
                {
                    if (_shadowWhenCaughtUp && _feed.Count == 0)
                    {
                        // Forwarded inputs used up: from here the radio tap gives each TTI live.
                        _mode = StackHostMode.Shadow;
                        LogShadowing(_options.Name, tti);
                        continue;
                    }

                    if (!_feed.TryTake(out input, 1))
                    {
                        continue;
                    }

                    if (input.Tti < tti)
                    {
                        continue;
                    }

                    if (input.Tti > tti)
                    {
                        Interlocked.Add(ref _gaps, input.Tti - tti);
                        tti = input.Tti;
                    }

                    start = _time.GetTimestamp();
                }
                else
                {
                    start = _clock.StartOf(tti);
                    if (_options.TtiPeriod > TimeSpan.Zero && !WaitUntil(start))
                    {
                        continue;
                    }

                    if (mode == StackHostMode.Shadow && !ClaimShadowTti(tti))
                    {
                        // Promoted while waiting for this TTI: run it as the active copy.
                        continue;
                    }

                    if (mode == StackHostMode.Clocked && !BeginClockedTti(tti))
                    {
                        continue;
                    }

                    input = _inputs(tti);
                }

                try
                {
                    RunOne(tti, input, start, deadlineTicks);
                }
                finally
                {
                    Volatile.Write(ref _inTti, 0);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fault = ex;
            LogLoopFailed(ex, _options.Name, NextTti);
            lock (_gate)
            {
                // Ended here already: a pause asked from now on is answered at once, not with a
                // boundary the loop would never reach.
                _loopEnded = true;
                _pause?.TrySetException(ex);
                _pause = null;
            }
        }
        finally
        {
            lock (_gate)
            {
                _loopEnded = true;
                _pause?.TrySetResult(new TtiBoundary(LastTti, NextTti, LastCompletedTimestamp));
                _pause = null;
            }
        }
    }

    private void RunOne(long tti, in TtiInput input, long start, long deadlineTicks)
    {
        long t0 = _time.GetTimestamp();
        ulong output = _stack.ProcessTti(input, _region);
        long t1 = _time.GetTimestamp();
        long n = Interlocked.Increment(ref _completed);
        _durations[(int)((n - 1) % _durations.Length)] = t1 - t0;
        bool clocked = _mode == StackHostMode.Clocked;
        if (clocked && _options.TtiPeriod > TimeSpan.Zero && t1 > start + deadlineTicks)
        {
            // The entry first, then the count that publishes it (readers stop at the count).
            _missLog[Interlocked.Read(ref _misses) % MissLogLength] = new TtiMiss(tti, start, t0, t1);
            Interlocked.Increment(ref _misses);
        }

        if (Interlocked.Read(ref _firstTti) < 0)
        {
            Interlocked.Exchange(ref _firstTti, tti);
            Interlocked.Exchange(ref _firstTimestamp, t1);
        }

        if (clocked && FirstClockedTimestamp == 0)
        {
            FirstClockedTti = tti;
            FirstClockedStartTimestamp = t0;
            FirstClockedTimestamp = t1;
        }

        Interlocked.Exchange(ref _lastTti, tti);
        Interlocked.Exchange(ref _lastTimestamp, t1);
        Interlocked.Exchange(ref _nextTti, tti + 1);
        TtiCompleted?.Invoke(input, output);
        Boundary?.Invoke(tti);
        if (Interlocked.Read(ref _pauseAfter) is var after && after >= 0 && tti >= after)
        {
            lock (_gate)
            {
                if (Interlocked.Read(ref _pauseAfter) >= 0)
                {
                    _pauseAfter = -1;
                    _pauseRequested = true;
                }
            }
        }
    }

    /// <summary>
    /// Commits to clocked TTI <paramref name="tti"/>; false when a pause claimed the boundary
    /// first, or a ResumeAt moved the next TTI while this thread slept. The fenced store before
    /// the check pairs with the fence in <see cref="PauseAsync"/>: one of the two sees the other.
    /// </summary>
    private bool BeginClockedTti(long tti)
    {
        Interlocked.Exchange(ref _inTti, 1);
        if (_pauseRequested || _stop || tti != Interlocked.Read(ref _nextTti))
        {
            Volatile.Write(ref _inTti, 0);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Decides, under the gate, that <paramref name="tti"/> runs as a shadow; false when a promotion
    /// to it arrived first. <see cref="TryPromoteAt"/> takes the same gate, so a switch either lands
    /// before the TTI begins or is refused, never lost in between.
    /// </summary>
    private bool ClaimShadowTti(long tti)
    {
        lock (_gate)
        {
            long at = Interlocked.Read(ref _promoteAt);
            if (at >= 0 && tti >= at)
            {
                return false;
            }

            _shadowThrough = tti;
            return true;
        }
    }

    /// <summary>
    /// Parks at this boundary until resumed or stopped. The wait is a condition on the flags under
    /// the gate, not an event: a resume followed at once by a new pause (redundancy migration:
    /// checkpoint pause, then the switch pause) must never be lost to an event reset before this
    /// thread woke, and every pause requested while parked is answered from here.
    /// </summary>
    private void ParkAtBoundary()
    {
        lock (_gate)
        {
            _paused = true;
            _claimed = false;
            while (true)
            {
                if (_pause is { } tcs)
                {
                    _pause = null;
                    tcs.TrySetResult(new TtiBoundary(LastTti, NextTti, LastCompletedTimestamp));
                }

                if (!_pauseRequested || _stop)
                {
                    break;
                }

                Monitor.Wait(_gate);
            }

            _paused = false;
        }
    }

    /// <summary>
    /// Puts this TTI thread under SCHED_FIFO when asked: the configured priority while it serves the
    /// radio, one below while it is a replica (following or shadowing). A replica catching up runs
    /// TTIs back to back, and FIFO threads of equal priority never preempt each other: at the
    /// active copy's priority it could hold the core the active copy wakes up on. (In the probes on
    /// the loaded 2-core VM the late wake-ups that remained were the kernel's: sleeps that ended
    /// 1-8 ms late with the thread then running at once; docs/migration.md.)
    /// </summary>
    private void ApplyRealtimePriority(bool active)
    {
        if (_options.RealtimePriority is not { } configured || _options.TtiPeriod <= TimeSpan.Zero)
        {
            return;
        }

        int priority = active ? configured : Math.Max(StackHostOptions.MinRealtimePriority, configured - 1);
        if (CpuAffinity.TrySetFifoPriority(priority, out int errno))
        {
            IsRealtime = true;
        }
        else
        {
            LogRealtimeFailed(_options.Name, priority, errno);
        }
    }

    /// <summary>Waits for <paramref name="start"/>; false when a pause or stop arrived first.</summary>
    private bool WaitUntil(long start)
    {
        long sleepThreshold = (long)(0.0011 * _time.TimestampFrequency);
        double frequency = _time.TimestampFrequency;
        long earlyTicks = (long)Math.Clamp((2 * _oversleepTicks) + (30e-6 * frequency), MinEarlySeconds * frequency, MaxEarlySeconds * frequency);
        double ticksPerMicrosecond = frequency / 1e6;
        while (true)
        {
            if (_stop || _pauseRequested)
            {
                return false;
            }

            long remaining = start - _time.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            switch (_options.Wait)
            {
                case TtiWait.Spin:
                    Thread.SpinWait(20);
                    break;
                case TtiWait.Yield when remaining > earlyTicks:
                    long asked = remaining - earlyTicks;
                    long before = _time.GetTimestamp();
                    MicroSleep.For((int)(asked / ticksPerMicrosecond));
                    long over = Math.Max(0, _time.GetTimestamp() - before - asked);
                    _oversleepTicks += (over - _oversleepTicks) / 16;
                    break;
                case TtiWait.Yield when IsRealtime:
                    // sched_yield hands a FIFO thread's core to any FIFO thread of its priority
                    // waiting there, which keeps it until it blocks: spin instead (<= 500 us).
                    Thread.SpinWait(20);
                    break;
                case TtiWait.Yield:
                    Thread.Yield();
                    break;
                case TtiWait.Sleep when remaining < sleepThreshold:
                    MicroSleep.For((int)(remaining / ticksPerMicrosecond));
                    break;
                default:
                    Thread.Sleep(1);
                    break;
            }
        }
    }
}
