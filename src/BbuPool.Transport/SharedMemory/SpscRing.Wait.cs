using BbuPool.Transport.Diagnostics;
using BbuPool.Transport.Interop;

namespace BbuPool.Transport.SharedMemory;

/// <summary>Waiting for data (consumer) or room (producer): spin, then sleep on the futex doorbell.</summary>
internal sealed unsafe partial class SpscRing
{
    /// <summary>
    /// How long one sleep lasts without a wake-up: 10 ms bounds the cost of a peer process that
    /// died without ringing. A cancellation rings the bell itself (see Wait), so it never waits
    /// for the slice; tests lengthen it to show that.
    /// </summary>
    internal long SleepSliceNanoseconds { get; set; } = 10_000_000;

    /// <summary>True while the consumer sleeps (or is about to) on the data bell.</summary>
    internal bool ConsumerWaiting => Volatile.Read(ref *_consumerWaiting) != 0;

    /// <summary>Consumer: waits until a frame is ready (true) or the producer closed with nothing left (false).</summary>
    public bool WaitForData(ReceiveMode mode, long spinNanoseconds, CancellationToken cancellationToken)
        => Wait(isConsumer: true, mode, spinNanoseconds, cancellationToken);

    /// <summary>Producer: waits until <paramref name="slots"/> slots are free (true) or the consumer closed (false).</summary>
    public bool WaitForRoom(int slots, ReceiveMode mode, long spinNanoseconds, CancellationToken cancellationToken)
    {
        _pendingSlots = slots;
        return Wait(isConsumer: false, mode, spinNanoseconds, cancellationToken);
    }

    private int _pendingSlots;

    /// <summary>Set by the link: true once the peer process is gone (it died without closing its side).</summary>
    public Func<bool>? PeerGone { get; set; }

    private bool Ready(bool isConsumer)
    {
        if (isConsumer)
        {
            return HasData();
        }

        return HasRoom(_pendingSlots);
    }

    private bool Wait(bool isConsumer, ReceiveMode mode, long spinNanoseconds, CancellationToken cancellationToken)
    {
        var spinUntil = mode == ReceiveMode.BusyPoll ? long.MaxValue : MonotonicClock.NowNanoseconds() + spinNanoseconds;
        var iterations = 0;
        // Registered before the first sleep only, so the spinning path stays free of it. Without
        // it a cancelled sleeper noticed only at the end of its slice: every migration engine's
        // receive thread held its dispose, and so the engine's return, ~10 ms past the commit.
        CancellationTokenRegistration wake = default;
        try
        {
            while (true)
            {
                if (Ready(isConsumer))
                {
                    return true;
                }

                if (isConsumer ? ProducerClosed && !HasData() : ConsumerClosed)
                {
                    return false;
                }

                // Checking the clock and the token every 256 spins keeps both off the hand-off path.
                if ((++iterations & 255) != 0)
                {
                    Thread.SpinWait(1);
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                // Every 64K polls (~ms) or after each sleep slice, look whether the peer process died:
                // a crashed peer never sets its closed flag.
                var slept = false;
                if (MonotonicClock.NowNanoseconds() >= spinUntil)
                {
                    if (wake == default && cancellationToken.CanBeCanceled)
                    {
                        wake = cancellationToken.UnsafeRegister(isConsumer ? static s => ((SpscRing)s!).Ring(isConsumer: true) : static s => ((SpscRing)s!).Ring(isConsumer: false), this);
                    }

                    Sleep(isConsumer, cancellationToken);
                    slept = true;
                }

                if ((slept || (iterations & 0xFFFF) == 0) && PeerGone?.Invoke() == true && !Ready(isConsumer))
                {
                    return false;
                }
            }
        }
        finally
        {
            wake.Dispose();
        }
    }

    /// <summary>Wakes this side's own sleeper (a cancellation): the bell is a counter, a spurious ring only makes it re-check.</summary>
    private void Ring(bool isConsumer)
    {
        var bell = isConsumer ? _dataBell : _roomBell;
        Interlocked.Increment(ref *bell);
        LibC.FutexWakeShared(bell);
    }

    private void Sleep(bool isConsumer, CancellationToken cancellationToken)
    {
        // A side that declared busy-poll is never woken (its peer skips the fence and the bell),
        // so it only naps for the slice; BusyPoll never gets here anyway (its spin never ends).
        var waiting = isConsumer ? _consumerWaiting : _producerWaiting;
        var bell = isConsumer ? _dataBell : _roomBell;
        var observed = Volatile.Read(ref *bell);
        Interlocked.Exchange(ref *waiting, 1);
        // The token is read after the bell: a cancellation that rang before this read is seen
        // here, one that rings after it changes the bell and ends the wait.
        if (!Ready(isConsumer) && !(isConsumer ? ProducerClosed : ConsumerClosed) && !cancellationToken.IsCancellationRequested)
        {
            LibC.FutexWaitShared(bell, observed, SleepSliceNanoseconds);
        }

        Volatile.Write(ref *waiting, 0);
    }
}
