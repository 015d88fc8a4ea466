using System.Collections.Concurrent;
using System.Threading.Channels;
using BbuPool.Transport;

namespace BbuPool.Testing.Transport;

/// <summary>The listening side of <see cref="InMemoryTransport"/>: a queue of connected peers.</summary>
internal sealed class InMemoryListener : ITransportListener
{
    private readonly Channel<ITransportLink> _pending = Channel.CreateUnbounded<ITransportLink>();
    private readonly ConcurrentDictionary<string, InMemoryListener> _registry;

    public InMemoryListener(string address, ConcurrentDictionary<string, InMemoryListener> registry)
    {
        LocalAddress = address;
        _registry = registry;
    }

    public string LocalAddress { get; }

    public void Enqueue(ITransportLink link)
    {
        if (!_pending.Writer.TryWrite(link))
        {
            throw new TransportClosedException($"In-memory listener '{LocalAddress}' is closed.");
        }
    }

    public async ValueTask<ITransportLink> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _pending.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new TransportClosedException($"In-memory listener '{LocalAddress}' is closed.", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        _registry.TryRemove(new KeyValuePair<string, InMemoryListener>(LocalAddress, this));
        _pending.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
