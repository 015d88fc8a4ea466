using BbuPool.Transport;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>A validated received frame: its type, the pooled transport buffer (dispose it), the body.</summary>
internal readonly record struct ReceivedFrame(FrameType Type, TransportFrame Frame, ReadOnlyMemory<byte> Body) : IDisposable
{
    public void Dispose() => Frame.Dispose();
}
