namespace BbuPool.Transport.SharedMemory;

/// <summary>The listening side of one shm link: accepts exactly one connector (the rings are point to point).</summary>
internal sealed class SharedMemoryListener : ITransportListener
{
    private readonly TransportOptions _options;
    private SharedMemoryRegion? _region;

    public SharedMemoryListener(string address, SharedMemoryRegion region, TransportOptions options)
    {
        LocalAddress = address;
        _region = region;
        _options = options;
    }

    public string LocalAddress { get; }

    public async ValueTask<ITransportLink> AcceptAsync(CancellationToken cancellationToken = default)
    {
        var region = _region ?? throw new TransportException($"Shared-memory listener '{LocalAddress}' already accepted its one peer.");
        while (!region.ConnectorAttached)
        {
            // Accepting is set-up, not the data path: poll at 1 ms.
            await Task.Delay(1, cancellationToken);
        }

        region.Unlink();
        _region = null;
        return new SharedMemoryLink(region, isListener: true, LocalAddress, _options);
    }

    public ValueTask DisposeAsync()
    {
        if (_region is { } region)
        {
            region.Unlink();
            region.Dispose();
            _region = null;
        }

        return ValueTask.CompletedTask;
    }
}
