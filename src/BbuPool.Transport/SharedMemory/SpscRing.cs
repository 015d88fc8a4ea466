using System.Runtime.CompilerServices;
using BbuPool.Transport.Interop;

namespace BbuPool.Transport.SharedMemory;

/// <summary>
/// A single-producer single-consumer ring of fixed-size slots in shared memory (one direction of a
/// shm link). A frame takes as many consecutive slots as it needs (64-byte header + payload),
/// wrapping at the end; the producer publishes it with one release store of the tail, the consumer
/// frees it with one release store of the head.
/// </summary>
/// <remarks>
/// Each index sits on its own 128-byte block (two cache lines: the adjacent-line prefetcher moves
/// lines in pairs), so the producer's tail writes never invalidate the consumer's head line.
/// The doorbells are futex words for the hybrid receive mode: a waiter announces itself, rechecks,
/// then sleeps; the other side rings only when someone announced, so the busy path pays one fence.
/// </remarks>
internal sealed unsafe partial class SpscRing
{
    /// <summary>Bytes of control blocks before the slots: one page keeps the slots page-aligned.</summary>
    public const int ControlBytes = 4096;

    /// <summary>
    /// The frame header in the first slot: int length, int slot count, long sender timestamp, padded
    /// to 64 bytes so the payload starts on a cache line (copies run on aligned stores).
    /// </summary>
    public const int FrameHeaderBytes = 64;

    // Offsets of the control blocks, 128 bytes apart (see remarks).
    private const int SlotSizeOffset = 0;
    private const int SlotCountOffset = 4;
    private const int TailOffset = 128;
    private const int HeadOffset = 256;
    private const int ProducerClosedOffset = 384;
    private const int ConsumerClosedOffset = 388;
    private const int ConsumerWaitingOffset = 512;
    private const int DataBellOffset = 516;
    private const int ConsumerMaySleepOffset = 520;
    private const int ProducerWaitingOffset = 640;
    private const int RoomBellOffset = 644;
    private const int ProducerMaySleepOffset = 648;

    private readonly byte* _slots;
    private readonly long* _tail;
    private readonly long* _head;
    private readonly int* _producerClosed;
    private readonly int* _consumerClosed;
    private readonly int* _consumerWaiting;
    private readonly int* _dataBell;
    private readonly int* _producerWaiting;
    private readonly int* _roomBell;
    private readonly int* _consumerMaySleep;
    private readonly int* _producerMaySleep;
    private readonly int _slotSize;
    private readonly int _slotCount;
    private readonly long _ringBytes;

    // Each side's private view of the indices: the producer owns _localTail and caches the head,
    // the consumer owns _readHead (the next frame to read) and _localHead (the end of what it
    // freed, which trails _readHead while frames are lent: SpscRing.Lease.cs) and caches the
    // tail, so shared lines are read only when needed.
    private long _localTail;
    private long _cachedHead;
    private long _localHead;
    private long _readHead;
    private long _cachedTail;

    /// <summary>Attaches to a ring at <paramref name="control"/>, writing its geometry when <paramref name="initialize"/>.</summary>
    public SpscRing(byte* control, int slotSize, int slotCount, bool initialize)
    {
        if (initialize)
        {
            *(int*)(control + SlotSizeOffset) = slotSize;
            *(int*)(control + SlotCountOffset) = slotCount;
        }
        else if (*(int*)(control + SlotSizeOffset) != slotSize || *(int*)(control + SlotCountOffset) != slotCount)
        {
            throw new TransportException(
                $"Shared-memory ring geometry mismatch: mapping has {*(int*)(control + SlotSizeOffset)} x {*(int*)(control + SlotCountOffset)}, expected {slotSize} x {slotCount}.");
        }

        _slotSize = slotSize;
        _slotCount = slotCount;
        _ringBytes = (long)slotSize * slotCount;
        _slots = control + ControlBytes;
        _tail = (long*)(control + TailOffset);
        _head = (long*)(control + HeadOffset);
        _producerClosed = (int*)(control + ProducerClosedOffset);
        _consumerClosed = (int*)(control + ConsumerClosedOffset);
        _consumerWaiting = (int*)(control + ConsumerWaitingOffset);
        _dataBell = (int*)(control + DataBellOffset);
        _producerWaiting = (int*)(control + ProducerWaitingOffset);
        _roomBell = (int*)(control + RoomBellOffset);
        _consumerMaySleep = (int*)(control + ConsumerMaySleepOffset);
        _producerMaySleep = (int*)(control + ProducerMaySleepOffset);
        _localTail = Volatile.Read(ref *_tail);
        _cachedHead = Volatile.Read(ref *_head);
        _localHead = _cachedHead;
        _readHead = _cachedHead;
        _cachedTail = _localTail;
        _leaseSlots = new int[slotCount];
        _leaseReturned = new bool[slotCount];
    }

    /// <summary>The bytes one ring needs in the mapping.</summary>
    public static long BytesFor(int slotSize, int slotCount) => ControlBytes + ((long)slotSize * slotCount);

    /// <summary>The largest payload one frame can carry: every slot minus the header.</summary>
    public long MaxPayload => _ringBytes - FrameHeaderBytes;

    /// <summary>True once the producer side closed (the consumer still drains what was sent).</summary>
    public bool ProducerClosed => Volatile.Read(ref *_producerClosed) != 0;

    /// <summary>True once the consumer side closed (the producer's sends fail).</summary>
    public bool ConsumerClosed => Volatile.Read(ref *_consumerClosed) != 0;

    /// <summary>
    /// The consumer says whether it may ever sleep (hybrid mode). A busy-polling consumer never
    /// sleeps, so its producer skips the full fence that guards wake-ups: that fence waits for the
    /// frame's stores to drain from the store buffer, a measurable cost on every 8 KiB frame.
    /// </summary>
    public void DeclareConsumer(ReceiveMode mode) => Volatile.Write(ref *_consumerMaySleep, mode == ReceiveMode.Hybrid ? 1 : 0);

    /// <summary>The producer says whether it may ever sleep waiting for room (hybrid mode).</summary>
    public void DeclareProducer(ReceiveMode mode) => Volatile.Write(ref *_producerMaySleep, mode == ReceiveMode.Hybrid ? 1 : 0);

    /// <summary>Marks the producer side closed and wakes a sleeping consumer.</summary>
    public void CloseProducer()
    {
        Volatile.Write(ref *_producerClosed, 1);
        Interlocked.Increment(ref *_dataBell);
        LibC.FutexWakeShared(_dataBell);
    }

    /// <summary>Marks the consumer side closed and wakes a sleeping producer.</summary>
    public void CloseConsumer()
    {
        Volatile.Write(ref *_consumerClosed, 1);
        Interlocked.Increment(ref *_roomBell);
        LibC.FutexWakeShared(_roomBell);
    }

    /// <summary>Producer: writes one frame gathered from <paramref name="segments"/> if its slots are free; false otherwise.</summary>
    public bool TryWrite(ReadOnlySpan<ReadOnlyMemory<byte>> segments, int length, long timestamp)
    {
        var slots = SlotsFor(length);
        if (!HasRoom(slots))
        {
            return false;
        }

        var position = (_localTail % _slotCount) * _slotSize;
        var header = _slots + position;
        *(int*)header = length;
        *(int*)(header + 4) = slots;
        *(long*)(header + 8) = timestamp;
        position += FrameHeaderBytes;
        foreach (var segment in segments)
        {
            position = CopyIn(position, segment.Span);
        }

        Publish(slots);
        return true;
    }

    /// <summary>Consumer: true when a frame is ready to read.</summary>
    public bool HasData()
    {
        if (_readHead != _cachedTail)
        {
            return true;
        }

        _cachedTail = Volatile.Read(ref *_tail);
        return _readHead != _cachedTail;
    }

    /// <summary>Consumer: copies the next frame into a pooled <see cref="TransportFrame"/>, or null when empty.</summary>
    public TransportFrame? TryRead()
    {
        if (!NextFrame(out var position, out var header))
        {
            return null;
        }

        var length = *(int*)header;
        var slots = *(int*)(header + 4);
        var timestamp = *(long*)(header + 8);
        var frame = TransportFrame.Rent(length, timestamp);
        CopyOut(position + FrameHeaderBytes, frame.Span);
        _readHead += slots;
        Free(slots);
        return frame;
    }

    /// <summary>Slots in the ring.</summary>
    public int SlotCount => _slotCount;

    /// <summary>The number of slots a frame of <paramref name="length"/> payload bytes takes.</summary>
    public int SlotsFor(int length) => (int)((FrameHeaderBytes + (long)length + _slotSize - 1) / _slotSize);

    /// <summary>Consumer: publishes the head (the freed prefix) and wakes a producer waiting for room.</summary>
    private void PublishHead()
    {
        Volatile.Write(ref *_head, _localHead);
        if (Volatile.Read(ref *_producerMaySleep) != 0)
        {
            RingIfWaiting(_producerWaiting, _roomBell);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RingIfWaiting(int* waiting, int* bell)
    {
        // Full fence: the index store above must be visible before we read the waiting flag,
        // or a waiter that checked the index just before our store could sleep through it.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref *waiting) != 0)
        {
            Interlocked.Increment(ref *bell);
            LibC.FutexWakeShared(bell);
        }
    }

    private long CopyIn(long position, ReadOnlySpan<byte> source)
    {
        if (position >= _ringBytes)
        {
            position -= _ringBytes;
        }

        var first = (int)Math.Min(source.Length, _ringBytes - position);
        source[..first].CopyTo(new Span<byte>(_slots + position, first));
        if (first < source.Length)
        {
            source[first..].CopyTo(new Span<byte>(_slots, source.Length - first));
            return source.Length - first;
        }

        return position + first;
    }

    private void CopyOut(long position, Span<byte> target)
    {
        if (position >= _ringBytes)
        {
            position -= _ringBytes;
        }

        var first = (int)Math.Min(target.Length, _ringBytes - position);
        new ReadOnlySpan<byte>(_slots + position, first).CopyTo(target);
        if (first < target.Length)
        {
            new ReadOnlySpan<byte>(_slots, target.Length - first).CopyTo(target[first..]);
        }
    }
}
