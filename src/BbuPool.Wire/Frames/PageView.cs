namespace BbuPool.Wire.Frames;

/// <summary>One page of a pages frame as read: index, encoding and its bytes as a slice of the frame body (no copy).</summary>
/// <param name="Index">Page index in the stack's state image.</param>
/// <param name="Encoding">How <paramref name="Data"/> is encoded.</param>
/// <param name="Data">The page's bytes, a slice of the body.</param>
/// <param name="DataOffset">Where <paramref name="Data"/> starts in the body: <c>body.Slice(DataOffset, Data.Length)</c> gives the same bytes as memory.</param>
public readonly ref struct PageView(ulong Index, PageEncoding Encoding, ReadOnlySpan<byte> Data, int DataOffset)
{
    /// <summary>Page index in the stack's state image.</summary>
    public ulong Index { get; } = Index;

    /// <summary>How <see cref="Data"/> is encoded.</summary>
    public PageEncoding Encoding { get; } = Encoding;

    /// <summary>The page's bytes, a slice of the body.</summary>
    public ReadOnlySpan<byte> Data { get; } = Data;

    /// <summary>Where <see cref="Data"/> starts in the body.</summary>
    public int DataOffset { get; } = DataOffset;
}
