namespace BbuPool.Transport;

/// <summary>Conveniences over <see cref="ITransportLink"/> for single-buffer frames.</summary>
public static class TransportLinkExtensions
{
    /// <summary>Sends one frame made of a single buffer if it fits now; false when the link is momentarily full.</summary>
    public static bool TrySend(this ITransportLink link, ReadOnlyMemory<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.TrySend(new ReadOnlySpan<ReadOnlyMemory<byte>>(in frame));
    }

    /// <summary>Sends one frame made of a single buffer, waiting for room.</summary>
    public static ValueTask SendAsync(this ITransportLink link, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.TrySend(new ReadOnlySpan<ReadOnlyMemory<byte>>(in frame))
            ? ValueTask.CompletedTask
            : link.SendAsync(new[] { frame }, cancellationToken);
    }
}
