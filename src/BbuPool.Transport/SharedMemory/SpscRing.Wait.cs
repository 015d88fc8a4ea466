using BbuPool.Transport.Diagnostics;
using BbuPool.Transport.Interop;

namespace BbuPool.Transport.SharedMemory;

/// <summary>Waiting for data (consumer) or room (producer): spin, then sleep on the futex doorbell.</summary>
internal sealed unsafe partial class SpscRing
{
    // A sleeping side re-checks every 10 ms even without a wake-up: bounds the cost of a
    // cancellation or of a peer process that died without ringing.
    private const long SleepSliceNanoseconds = 10_000_000;

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

        _cachedHead = Volatile.Read(ref *_head);
        return _localTail + _pendingSlots - _cachedHead <= _slotCount;
    }

    private bool Wait(bool isConsumer, ReceiveMode mode, long spinNanoseconds, CancellationToken cancellationToken)
    {
        var spinUntil = mode == ReceiveMode.BusyPoll ? long.MaxValue : MonotonicClock.NowNanoseconds() + spinNanoseconds;
        var iterations = 0;
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
                Sleep(isConsumer);
                slept = true;
            }

            if ((slept || (iterations & 0xFFFF) == 0) && PeerGone?.Invoke() == true && !Ready(isConsumer))
            {
                return false;
            }
        }
    }

    private void Sleep(bool isConsumer)
    {
        // A side that declared busy-poll is never woken (its peer skips the fence and the bell),
        // so it only naps for the slice; BusyPoll never gets here anyway (its spin never ends).
        var waiting = isConsumer ? _consumerWaiting : _producerWaiting;
        var bell = isConsumer ? _dataBell : _roomBell;
        var observed = Volatile.Read(ref *bell);
        Interlocked.Exchange(ref *waiting, 1);
        if (!Ready(isConsumer) && !(isConsumer ? ProducerClosed : ConsumerClosed))
        {
            LibC.FutexWaitShared(bell, observed, SleepSliceNanoseconds);
        }

        Volatile.Write(ref *waiting, 0);
    }
}
