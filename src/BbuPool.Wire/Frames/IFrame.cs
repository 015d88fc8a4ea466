namespace BbuPool.Wire.Frames;

/// <summary>A migration-protocol frame body: a wire contract with its envelope type.</summary>
/// <typeparam name="TSelf">The frame type itself.</typeparam>
public interface IFrame<TSelf> : IWireContract<TSelf>
    where TSelf : IFrame<TSelf>
{
    /// <summary>The envelope type byte of this frame.</summary>
    static abstract FrameType FrameType { get; }
}
