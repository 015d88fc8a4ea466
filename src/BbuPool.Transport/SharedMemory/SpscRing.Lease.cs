namespace BbuPool.Transport.SharedMemory;

/// <summary>
/// Frames lent in place: the consumer hands out a frame over its own slots instead of copying it
/// out, and the slots are freed when the frame is returned. The producer sees one head, so slots
/// are freed in ring order: a frame returned early waits for those lent before it.
/// </summary>
/// <remarks>
/// Why: a migration destination copied every frame out of the ring and then copied its pages out
/// of that copy; the first copy was 6.3 % of a pre-copy's samples (perf, 64 MiB at 10 %), on a
/// machine where memory bandwidth, not the CPU, bounds the state transfer (a 64 MiB memcpy runs
/// at 6 GB/s here). A frame that wraps past the ring's end is not contiguous and is copied as
/// before; frames written in place (<see cref="TryWriteInPlace"/>, a migration's page frames)
/// never wrap, only those copied in by <see cref="TryWrite"/> can.
/// </remarks>
internal sealed unsafe partial class SpscRing
{
    private readonly Lock _leaseGate = new();

    // Frames read but not yet freed, in ring order: each one's slot count and whether it came
    // back. Every frame takes at least one slot, so the slot count bounds how many are out.
    private readonly int[] _leaseSlots;
    private readonly bool[] _leaseReturned;

    // Frames entered in the queue (the consumer thread, under the gate) and freed from its front
    // (under the gate; written last, so equal counts mean no returner touches _localHead any more).
    private long _leasesTaken;
    private long _leasesFreed;

    /// <summary>
    /// Consumer: the next frame over its own slots, lent until disposed (copied when it wraps);
    /// null when the ring is empty. The lender is called back with the lease on dispose and must
    /// pass it to <see cref="Return"/>.
    /// </summary>
    public TransportFrame? TryLease(IFrameLender lender)
    {
        if (!NextFrame(out var position, out var header))
        {
            return null;
        }

        var length = *(int*)header;
        if (position + FrameHeaderBytes + length > _ringBytes)
        {
            return TryRead();
        }

        var slots = *(int*)(header + 4);
        var timestamp = *(long*)(header + 8);
        long lease;
        lock (_leaseGate)
        {
            lease = _leasesTaken;
            _leaseSlots[lease % _slotCount] = slots;
            _leaseReturned[lease % _slotCount] = false;
            _leasesTaken = lease + 1;
        }

        _readHead += slots;
        return TransportFrame.Lend(header + FrameHeaderBytes, length, timestamp, lender, lease);
    }

    /// <summary>Any thread: the frame of <paramref name="lease"/> is done with; frees every slot up to the oldest frame still out.</summary>
    public void Return(long lease)
    {
        lock (_leaseGate)
        {
            _leaseReturned[lease % _slotCount] = true;
            FreeReturned();
        }
    }

    /// <summary>Consumer: frees the slots of a frame it already copied out, behind any frame still lent.</summary>
    private void Free(int slots)
    {
        if (Volatile.Read(ref _leasesFreed) == _leasesTaken)
        {
            // Nothing lent (the common case, and the only one for a link that never lends).
            _localHead += slots;
            PublishHead();
            return;
        }

        lock (_leaseGate)
        {
            var entry = _leasesTaken % _slotCount;
            _leaseSlots[entry] = slots;
            _leaseReturned[entry] = true;
            _leasesTaken++;
            // The frames before it may all have come back since the check above.
            FreeReturned();
        }
    }

    /// <summary>Under the gate: advances the head over the returned frames at the front of the queue.</summary>
    private void FreeReturned()
    {
        var freed = _leasesFreed;
        var head = _localHead;
        while (freed < _leasesTaken && _leaseReturned[freed % _slotCount])
        {
            head += _leaseSlots[freed % _slotCount];
            freed++;
        }

        if (freed != _leasesFreed)
        {
            _localHead = head;
            PublishHead();
            Volatile.Write(ref _leasesFreed, freed);
        }
    }
}
