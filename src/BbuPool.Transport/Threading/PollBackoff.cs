using BbuPool.Transport.Diagnostics;

namespace BbuPool.Transport.Threading;

/// <summary>
/// Waiting on a device that cannot wake us (a DPDK queue has no interrupt here): spin while busy-polling
/// or within the hybrid spin window, then give the core away with Sleep(0), then Sleep(1) after 1 ms
/// of idleness, so an idle link costs nothing and a busy one pays no wake-up.
/// </summary>
internal struct PollBackoff
{
    // After 1 ms of nothing, the link is idle: 1 ms sleeps cost ~0 CPU and add at most ~1 ms to the first frame.
    private const long YieldPhaseNanoseconds = 1_000_000;
    private readonly ReceiveMode _mode;
    private readonly long _spinNanoseconds;
    private long _spinUntil;
    private long _yieldUntil;
    private int _iterations;

    // No clock read here: a receive that finds a frame at once must not pay one (~55 ns).
    public PollBackoff(ReceiveMode mode, long spinNanoseconds)
    {
        _mode = mode;
        _spinNanoseconds = spinNanoseconds;
        _spinUntil = 0;
        _yieldUntil = 0;
        _iterations = 0;
    }

    /// <summary>Waits a little, more the longer nothing happened; checks the token every 256 calls.</summary>
    public void Wait(CancellationToken cancellationToken)
    {
        if ((++_iterations & 255) != 0 || _mode == ReceiveMode.BusyPoll)
        {
            if ((_iterations & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Thread.SpinWait(1);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = MonotonicClock.NowNanoseconds();
        if (_spinUntil == 0)
        {
            _spinUntil = now + _spinNanoseconds;
            _yieldUntil = _spinUntil + YieldPhaseNanoseconds;
        }

        if (now < _spinUntil)
        {
            return;
        }

        if (now < _yieldUntil)
        {
            Thread.Sleep(0);
        }
        else
        {
            Thread.Sleep(1);
        }
    }
}
