namespace BbuPool.Transport.Dpdk;

/// <summary>The listening end of one DPDK port: accepts once, when the peer is there (ring taken, memif link up).</summary>
internal sealed class DpdkListener : ITransportListener
{
    private readonly Func<bool> _peerReady;
    private readonly TransportOptions _options;
    private DpdkPortHandle? _port;

    private readonly bool _lingerOnClose;

    public DpdkListener(string address, DpdkPortHandle port, Func<bool> peerReady, TransportOptions options, bool lingerOnClose = false)
    {
        _lingerOnClose = lingerOnClose;
        LocalAddress = address;
        _port = port;
        _peerReady = peerReady;
        _options = options;
    }

    public string LocalAddress { get; }

    public async ValueTask<ITransportLink> AcceptAsync(CancellationToken cancellationToken = default)
    {
        var port = _port ?? throw new TransportException($"DPDK listener {LocalAddress} already accepted its one peer.");
        while (!_peerReady())
        {
            // Set-up only: poll at 1 ms.
            await Task.Delay(1, cancellationToken);
        }

        _port = null;
        return new DpdkLink(port, LocalAddress, _options, _lingerOnClose);
    }

    public ValueTask DisposeAsync()
    {
        _port?.Dispose();
        _port = null;
        return ValueTask.CompletedTask;
    }
}
