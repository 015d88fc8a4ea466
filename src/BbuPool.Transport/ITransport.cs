namespace BbuPool.Transport;

/// <summary>
/// A transport: the factory of links of one <see cref="TransportKind"/>. One side listens on an
/// address and accepts, the other connects; each side then holds an <see cref="ITransportLink"/>.
/// </summary>
/// <remarks>
/// Address syntax per kind: tcp "host:port" (port 0 on listen picks a free one, see
/// <see cref="ITransportListener.LocalAddress"/>); shm a name (the mapping is bbupool-NAME in SharedMemoryOptions.Directory);
/// dpdk "ring:NAME" (one process), "memif:/path/to.sock" (two processes), "af_packet:IFACE"
/// or "pci:0000:00:00.0".
/// </remarks>
public interface ITransport : IAsyncDisposable
{
    /// <summary>The kind of every link this transport makes.</summary>
    TransportKind Kind { get; }

    /// <summary>Starts listening on <paramref name="address"/>; links come from <see cref="ITransportListener.AcceptAsync"/>.</summary>
    ValueTask<ITransportListener> ListenAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Connects to a peer listening on <paramref name="address"/>.</summary>
    ValueTask<ITransportLink> ConnectAsync(string address, CancellationToken cancellationToken = default);
}
