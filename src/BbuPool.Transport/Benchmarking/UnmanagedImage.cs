using System.Buffers;

namespace BbuPool.Transport.Benchmarking;

/// <summary>
/// A <see cref="Memory{T}"/> over native bytes the caller owns (a state image in a benchmark), so
/// the send paths, which take memory rather than spans, read it in place. Owns nothing: disposing
/// it frees nothing.
/// </summary>
internal sealed unsafe class UnmanagedImage(byte* pointer, long length) : MemoryManager<byte>
{
    private readonly int _length = checked((int)length);

    public override Span<byte> GetSpan() => new(pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
