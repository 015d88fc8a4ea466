namespace BbuPool.Testing.Migration;

/// <summary>What a <see cref="FaultInjectingLink"/> does to one outgoing frame.</summary>
public enum LinkFault
{
    /// <summary>Send it unchanged.</summary>
    None,

    /// <summary>Flip one body byte: the receiver's CRC-32C check fails.</summary>
    Corrupt,

    /// <summary>Swallow it (the peer never sees it).</summary>
    Drop,

    /// <summary>Kill the link before sending: both ends see it closed (a dead peer or cable).</summary>
    Sever,
}
