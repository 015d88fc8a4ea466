namespace BbuPool.Transport.SharedMemory;

/// <summary>
/// Frames written in place: the producer hands a <see cref="FrameFill"/> the slots themselves, so
/// the frame is written once, where the consumer reads it, instead of being built in a buffer and
/// copied in. A frame written in place must be contiguous; when the slots left before the ring's
/// end are too few, a padding entry covers them and the frame starts at slot 0. The consumer frees
/// padding unread.
/// </summary>
/// <remarks>
/// Why: a migration source built each pages frame in a buffer and copied it into the ring; the copy
/// was 7.2 % of a pre-copy's samples (perf, 64 MiB at 10 %), on a machine where memory bandwidth
/// bounds the transfer.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "NativeBytes owns nothing to free: its memory is the ring's mapping.")]
internal sealed unsafe partial class SpscRing
{
    // The length field of a padding entry (a frame's is never negative).
    private const int PaddingLength = -1;

    private readonly NativeBytes _slotMemory = new();

    /// <summary>
    /// Producer: lets <paramref name="fill"/> write one frame of at most <paramref name="maxLength"/>
    /// bytes into free slots and publishes it; false, with the free slots to wait for in
    /// <paramref name="slotsNeeded"/>, when there is no room now.
    /// </summary>
    public bool TryWriteInPlace(int maxLength, FrameFill fill, object? state, long timestamp, out int length, out int slotsNeeded)
    {
        length = 0;
        var slots = SlotsFor(maxLength);
        var position = _localTail % _slotCount;
        if (position + slots > _slotCount)
        {
            // Published alone: with a frame after it, the two might never fit the ring together.
            var pad = (int)(_slotCount - position);
            if (!HasRoom(pad))
            {
                slotsNeeded = pad;
                return false;
            }

            var padding = _slots + (position * _slotSize);
            *(int*)padding = PaddingLength;
            *(int*)(padding + 4) = pad;
            *(long*)(padding + 8) = 0;
            Publish(pad);
            position = 0;
        }

        if (!HasRoom(slots))
        {
            slotsNeeded = slots;
            return false;
        }

        slotsNeeded = 0;
        var header = _slots + (position * _slotSize);
        _slotMemory.Point(header + FrameHeaderBytes, maxLength);
        try
        {
            length = fill(_slotMemory.Memory, state);
        }
        finally
        {
            _slotMemory.Point(null, 0);
        }

        if ((uint)length > (uint)maxLength)
        {
            throw new ArgumentException($"The fill wrote {length} bytes into a frame of at most {maxLength}.", nameof(fill));
        }

        *(int*)header = length;
        *(int*)(header + 4) = SlotsFor(length);
        *(long*)(header + 8) = timestamp;
        Publish(SlotsFor(length));
        return true;
    }

    /// <summary>Producer: true when <paramref name="slots"/> slots after the tail are free.</summary>
    private bool HasRoom(int slots)
    {
        if (_localTail + slots - _cachedHead <= _slotCount)
        {
            return true;
        }

        _cachedHead = Volatile.Read(ref *_head);
        return _localTail + slots - _cachedHead <= _slotCount;
    }

    /// <summary>Producer: publishes <paramref name="slots"/> written slots and wakes a sleeping consumer.</summary>
    private void Publish(int slots)
    {
        _localTail += slots;
        Volatile.Write(ref *_tail, _localTail);
        if (Volatile.Read(ref *_consumerMaySleep) != 0)
        {
            RingIfWaiting(_consumerWaiting, _dataBell);
        }
    }

    /// <summary>Consumer: true with the next frame's header, after freeing any padding before it; false when the ring is empty.</summary>
    private bool NextFrame(out long position, out byte* header)
    {
        while (HasData())
        {
            position = (_readHead % _slotCount) * _slotSize;
            header = _slots + position;
            if (*(int*)header != PaddingLength)
            {
                return true;
            }

            var slots = *(int*)(header + 4);
            _readHead += slots;
            Free(slots);
        }

        position = 0;
        header = null;
        return false;
    }
}
