using System.Collections.Concurrent;
using BbuPool.Transport;

namespace BbuPool.Testing.Transport;

/// <summary>
/// An <see cref="ITransport"/> whose links are in-process channels: for unit tests of the layers
/// above the transport (migration protocol, agents) with no ring, socket or DPDK. Listen and connect
/// by any name within the same instance; <see cref="CreatePair"/> gives a linked pair directly.
/// </summary>
public sealed class InMemoryTransport : ITransport
{
    private readonly ConcurrentDictionary<string, InMemoryListener> _listeners = new(StringComparer.Ordinal);
    private readonly int _maxFrameLength;
    private readonly int _capacity;

    /// <summary>Creates a transport whose links accept frames up to <paramref name="maxFrameLength"/> bytes and buffer
    /// <paramref name="capacity"/> frames per direction (0: unbounded, so sends never wait).</summary>
    public InMemoryTransport(int maxFrameLength = 16 * 1024 * 1024, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameLength);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _maxFrameLength = maxFrameLength;
        _capacity = capacity;
    }

    /// <inheritdoc/>
    public TransportKind Kind => TransportKind.InMemory;

    /// <summary>Creates two linked ends directly, with no listener.</summary>
    public static (InMemoryTransportLink First, InMemoryTransportLink Second) CreatePair(
        int maxFrameLength = 16 * 1024 * 1024, int capacity = 0, string name = "pair")
        => InMemoryTransportLink.CreatePair(maxFrameLength, capacity, name);

    /// <inheritdoc/>
    public ValueTask<ITransportListener> ListenAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var listener = new InMemoryListener(address, _listeners);
        if (!_listeners.TryAdd(address, listener))
        {
            throw new TransportException($"In-memory address '{address}' is already listening.");
        }

        return ValueTask.FromResult<ITransportListener>(listener);
    }

    /// <inheritdoc/>
    public ValueTask<ITransportLink> ConnectAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!_listeners.TryGetValue(address, out var listener))
        {
            throw new TransportException($"No in-memory listener on '{address}'.");
        }

        var (client, server) = InMemoryTransportLink.CreatePair(_maxFrameLength, _capacity, address);
        listener.Enqueue(server);
        return ValueTask.FromResult<ITransportLink>(client);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners.Values)
        {
            await listener.DisposeAsync();
        }
    }
}
