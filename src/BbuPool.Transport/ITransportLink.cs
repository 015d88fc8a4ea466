using System.Diagnostics.CodeAnalysis;

namespace BbuPool.Transport;

/// <summary>
/// A bidirectional, ordered, reliable frame link to one peer. Frames keep their boundaries.
/// </summary>
/// <remarks>
/// Threading: one thread (or one async flow) sends and one receives at a time; sending and
/// receiving may run concurrently with each other. The send methods copy the frame before they
/// return, so the caller may reuse its memory at once; no copy is made into an intermediate
/// buffer beyond the one into the ring, socket or mbuf.
/// </remarks>
public interface ITransportLink : IAsyncDisposable
{
    /// <summary>The kind of transport under this link.</summary>
    TransportKind Kind { get; }

    /// <summary>A human-readable peer address, for logs.</summary>
    string RemoteAddress { get; }

    /// <summary>The largest frame (sum of segment lengths) this link accepts.</summary>
    int MaxFrameLength { get; }

    /// <summary>
    /// Sends one frame gathered from <paramref name="segments"/> if it fits now without waiting;
    /// returns false (nothing sent) when the link is momentarily full.
    /// </summary>
    /// <exception cref="ArgumentException">The frame is longer than <see cref="MaxFrameLength"/>.</exception>
    /// <exception cref="TransportClosedException">The link or its peer is closed.</exception>
    bool TrySend(ReadOnlySpan<ReadOnlyMemory<byte>> segments);

    /// <summary>Sends one frame gathered from <paramref name="segments"/>, waiting for room as the receive mode says.</summary>
    /// <exception cref="ArgumentException">The frame is longer than <see cref="MaxFrameLength"/>.</exception>
    /// <exception cref="TransportClosedException">The link or its peer is closed.</exception>
    ValueTask SendAsync(ReadOnlyMemory<ReadOnlyMemory<byte>> segments, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends one frame of at most <paramref name="maxLength"/> bytes that <paramref name="fill"/>
    /// writes, waiting for room as <see cref="SendAsync"/> does, and returns its length. Shm hands
    /// <paramref name="fill"/> the ring's slots, so the frame is written once, where the peer reads
    /// it; the default fills a pooled buffer and sends that (one copy more, as callers of
    /// <see cref="SendAsync"/> pay).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="maxLength"/> is over <see cref="MaxFrameLength"/>, or the fill wrote more.</exception>
    /// <exception cref="TransportClosedException">The link or its peer is closed.</exception>
    async ValueTask<int> SendInPlaceAsync(int maxLength, FrameFill fill, object? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fill);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, MaxFrameLength);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(maxLength, 1));
        try
        {
            int length = fill(buffer.AsMemory(0, maxLength), state);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(length, maxLength);
            await this.SendAsync(buffer.AsMemory(0, length), cancellationToken);
            return length;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Waits until the peer has taken every frame sent so far off the link (shm: the ring is
    /// empty). A sender that times itself into a deep buffer measures the buffer, not the peer: a
    /// migration source stopped its stack with up to 16 MiB still in the ring, and the
    /// destination's apply of it (~2 ms) landed in the downtime. Completes at once on links that
    /// cannot tell (the default: TCP, DPDK).
    /// </summary>
    /// <exception cref="TransportClosedException">The link or its peer is closed.</exception>
    ValueTask DrainAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Takes the next frame if one has arrived; the caller disposes it to return its pooled buffer.</summary>
    /// <exception cref="TransportClosedException">The peer closed and every frame it sent was taken.</exception>
    bool TryReceive([NotNullWhen(true)] out TransportFrame? frame);

    /// <summary>Waits for the next frame (busy-poll or hybrid per the options); the caller disposes it.</summary>
    /// <exception cref="TransportClosedException">The peer closed and every frame it sent was taken.</exception>
    ValueTask<TransportFrame> ReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the next frame like <see cref="ReceiveAsync"/>, but the frame may be the link's
    /// own receive memory, lent until it is disposed (shm: the ring's slots, which the sender
    /// cannot reuse meanwhile), which saves copying it out. Dispose every frame promptly, and in
    /// the order received where possible: slots are freed in ring order. Links that cannot lend
    /// (the default: TCP, DPDK) copy as <see cref="ReceiveAsync"/> does.
    /// </summary>
    /// <exception cref="TransportClosedException">The peer closed and every frame it sent was taken.</exception>
    ValueTask<TransportFrame> ReceiveInPlaceAsync(CancellationToken cancellationToken = default) => ReceiveAsync(cancellationToken);

    /// <summary>A snapshot of this link's counters and one-way latency percentiles.</summary>
    TransportLinkStats GetStats();
}
