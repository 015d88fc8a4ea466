using System.Buffers;

namespace BbuPool.Wire.Tests;

/// <summary>A buffer writer that hands out small fixed segments, to exercise the writer's segment changes and multi-segment sequences.</summary>
internal sealed class SegmentedBufferWriter(int segmentSize) : IBufferWriter<byte>
{
    private readonly List<byte[]> _segments = [];
    private readonly List<int> _lengths = [];
    private byte[]? _current;

    public void Advance(int count)
    {
        _segments.Add(_current!);
        _lengths.Add(count);
        _current = null;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        _current = new byte[Math.Max(sizeHint, segmentSize) > segmentSize ? sizeHint : segmentSize];
        return _current;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public ReadOnlySequence<byte> ToSequence()
    {
        Segment? first = null;
        Segment? last = null;
        for (int i = 0; i < _segments.Count; i++)
        {
            var memory = _segments[i].AsMemory(0, _lengths[i]);
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
