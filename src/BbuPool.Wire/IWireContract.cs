namespace BbuPool.Wire;

/// <summary>A message with a hand-written MessagePack encoding: a map keyed by small integer field ids, unknown ids skipped.</summary>
/// <typeparam name="TSelf">The message type itself.</typeparam>
public interface IWireContract<TSelf>
    where TSelf : IWireContract<TSelf>
{
    /// <summary>Writes <paramref name="value"/> as one MessagePack map.</summary>
    static abstract void Write(ref MessagePackWriter writer, TSelf value);

    /// <summary>Reads one MessagePack map; unknown field ids are skipped, missing required fields throw.</summary>
    static abstract TSelf Read(ref MessagePackReader reader);
}
