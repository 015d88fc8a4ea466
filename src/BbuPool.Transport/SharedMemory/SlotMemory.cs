using System.Buffers;

namespace BbuPool.Transport.SharedMemory;

/// <summary>
/// A <see cref="Memory{T}"/> over ring slots the producer lends to a <see cref="FrameFill"/> for
/// one call; re-pointed per frame (one per ring, no allocation per frame) and emptied after, so a
/// memory kept past its call fails instead of writing into a published frame.
/// </summary>
internal sealed unsafe class SlotMemory : MemoryManager<byte>
{
    private byte* _data;
    private int _length;

    /// <summary>Points at <paramref name="length"/> bytes at <paramref name="data"/> (null, 0: nothing).</summary>
    public void Point(byte* data, int length)
    {
        _data = data;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_data, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)_length, nameof(elementIndex));
        return new MemoryHandle(_data + elementIndex);
    }

    public override void Unpin()
    {
        // Native ring memory: nothing is pinned.
    }

    protected override void Dispose(bool disposing)
    {
        // The ring's mapping owns the memory.
    }
}
