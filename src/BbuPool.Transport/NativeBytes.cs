using System.Buffers;

namespace BbuPool.Transport;

/// <summary>
/// A <see cref="Memory{T}"/> over native bytes someone else owns, for the paths that take memory
/// rather than spans: a state image a benchmark sends in place, or ring slots a shm producer lends
/// to a <see cref="FrameFill"/> for one call (re-pointed per frame, one per ring, and emptied
/// after, so a memory kept past its call fails instead of writing into a published frame).
/// Owns nothing: disposing it frees nothing.
/// </summary>
internal sealed unsafe class NativeBytes : MemoryManager<byte>
{
    private byte* _data;
    private int _length;

    /// <summary>Over nothing until <see cref="Point"/>.</summary>
    public NativeBytes()
    {
    }

    /// <summary>Over <paramref name="length"/> bytes at <paramref name="data"/>.</summary>
    public NativeBytes(byte* data, long length) => Point(data, checked((int)length));

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
        // Native memory: nothing is pinned.
    }

    protected override void Dispose(bool disposing)
    {
        // The owner (the image's allocator, the ring's mapping) frees the memory.
    }
}
