using System.Buffers;

namespace BbuPool.Wire.Frames;

/// <summary>A reusable buffer that builds one frame at a time: header space first, the body written in place, then the header filled with length and CRC-32C.</summary>
/// <remarks>
/// The body is encoded straight into this buffer, so page bytes are copied once (into it) and
/// the finished frame is one contiguous block for the transport. Reuse one instance per
/// connection: after the first frames it has grown to the largest frame and allocates no more.
/// Not thread-safe.
/// </remarks>
public sealed class FrameWriter : IBufferWriter<byte>, IDisposable
{
    // 64 pages of 4 KiB plus per-page and frame overhead fit in 272 KiB: no growth for the usual batch.
    private const int DefaultCapacity = 272 * 1024;

    private readonly ArrayPool<byte> _pool;
    private byte[] _buffer;
    // Set by BeginIn: the frame goes straight into this memory (a link's send slots), which is
    // never grown; empty for frames built in _buffer.
    private Memory<byte> _target;
    private int _written;
    private FrameType _type;

    /// <summary>Creates a frame writer with room for <paramref name="initialCapacity"/> bytes, renting from <paramref name="pool"/> (default: the shared pool).</summary>
    public FrameWriter(int initialCapacity = DefaultCapacity, ArrayPool<byte>? pool = null)
    {
        _pool = pool ?? ArrayPool<byte>.Shared;
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, FrameEnvelope.HeaderSize);
        // Rented: the default 272 KiB is a large-object array, and a writer per migration end made
        // the migration engine's largest garbage (gen-2 collections, which suspend TTI threads).
        _buffer = _pool.Rent(initialCapacity);
    }

    /// <summary>Returns the buffer to the pool; frames returned earlier are invalid after this.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        _written = 0;
        if (buffer.Length > 0)
        {
            _pool.Return(buffer);
        }
    }

    /// <summary>Bytes of the frame so far (header space included).</summary>
    public int WrittenCount => _written;

    /// <summary>Starts a frame of <paramref name="type"/>, discarding any unfinished one; write the body with the returned writer, then call <see cref="Complete"/>.</summary>
    public MessagePackWriter Begin(FrameType type) => Start(type, default);

    /// <summary>
    /// Starts a frame of <paramref name="type"/> written straight into <paramref name="target"/>
    /// (a link's send memory, <c>ITransportLink.SendInPlaceAsync</c>): no copy of the finished
    /// frame. A body that outgrows the target throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public MessagePackWriter BeginIn(Memory<byte> target, FrameType type)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target.Length, FrameEnvelope.HeaderSize);
        return Start(type, target);
    }

    private MessagePackWriter Start(FrameType type, Memory<byte> target)
    {
        _target = target;
        _type = type;
        _written = FrameEnvelope.HeaderSize;
        return new MessagePackWriter(this);
    }

    /// <summary>Fills the header (length, CRC-32C) and returns the whole frame; valid until the next <see cref="Begin"/>.</summary>
    /// <remarks>Flush the body writer first.</remarks>
    public ReadOnlyMemory<byte> Complete()
    {
        if (_type == FrameType.None)
        {
            throw new InvalidOperationException("Begin a frame first.");
        }

        var frame = Frame[.._written];
        FrameEnvelope.WriteHeader(frame.Span, _type, frame.Span[FrameEnvelope.HeaderSize..]);
        _type = FrameType.None;
        _target = default;
        return frame;
    }

    /// <summary>Encodes <paramref name="frame"/> as a whole frame; valid until the next <see cref="Begin"/>.</summary>
    public ReadOnlyMemory<byte> Write<T>(T frame)
        where T : IFrame<T>
    {
        var writer = Begin(T.FrameType);
        T.Write(ref writer, frame);
        writer.Flush();
        return Complete();
    }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Frame.Length - _written);
        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Frame[_written..];
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return Frame.Span[_written..];
    }

    // The memory the current frame is written into.
    private Memory<byte> Frame => _target.IsEmpty ? _buffer : _target;

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (Frame.Length - _written >= needed)
        {
            return;
        }

        if (!_target.IsEmpty)
        {
            throw new InvalidOperationException($"The frame outgrew the {_target.Length} bytes reserved for it.");
        }

        int size = Math.Max(_buffer.Length * 2, _written + needed);
        var grown = _pool.Rent(size);
        _buffer.AsSpan(0, Math.Min(_written, _buffer.Length)).CopyTo(grown);
        var old = _buffer;
        _buffer = grown;
        if (old.Length > 0)
        {
            _pool.Return(old);
        }
    }
}
