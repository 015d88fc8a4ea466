using System.Collections.Concurrent;

namespace BbuPool.Transport.Dpdk;

/// <summary>
/// The kernel-bypass transport over the native shim. Addresses: "ring:NAME" (net_ring pair, both
/// ends in this process), "memif:/path/to.sock" (net_memif; the listener is the memif server),
/// "af_packet:IFACE" and "pci:DDDD:BB:DD.F" (both ends open the device; there is no handshake).
/// EAL starts on first use with <see cref="DpdkOptions"/>.
/// </summary>
public sealed class DpdkTransport : ITransport
{
    // net_ring ends waiting for their connector, by name: rings only join ends of one process.
    private static readonly ConcurrentDictionary<string, DpdkPortHandle> PendingRings = new(StringComparer.Ordinal);

    private readonly TransportOptions _options;

    /// <summary>Creates the transport and starts EAL if it is not up yet.</summary>
    /// <exception cref="TransportException">The native library, DPDK or EAL is unavailable; the message says why.</exception>
    public DpdkTransport(TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        DpdkEnvironment.EnsureInitialized(options.Dpdk);
    }

    /// <inheritdoc/>
    public TransportKind Kind => TransportKind.Dpdk;

    /// <inheritdoc/>
    public ValueTask<ITransportListener> ListenAsync(string address, CancellationToken cancellationToken = default)
    {
        var (scheme, target) = Split(address);
        DpdkPortHandle port;
        switch (scheme)
        {
            case "ring":
                Check(DpdkNative.RingPair(target, 0, out var first, out var second) == 0, address);
                if (!PendingRings.TryAdd(target, second))
                {
                    first.Dispose();
                    second.Dispose();
                    throw new TransportException($"DPDK ring '{target}' is already listening.");
                }

                return ValueTask.FromResult<ITransportListener>(new DpdkListener(address, first, () => !PendingRings.ContainsKey(target), _options));
            case "memif":
                port = Open(() => DpdkNative.MemifOpen(target, 1, 0), address);
                return ValueTask.FromResult<ITransportListener>(new DpdkListener(address, port, () => DpdkNative.LinkUp(port) == 1, _options, lingerOnClose: true));
            default:
                port = OpenDevice(scheme, target, address);
                return ValueTask.FromResult<ITransportListener>(new DpdkListener(address, port, static () => true, _options));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ITransportLink> ConnectAsync(string address, CancellationToken cancellationToken = default)
    {
        var (scheme, target) = Split(address);
        switch (scheme)
        {
            case "ring":
                DpdkPortHandle? pending;
                while (!PendingRings.TryRemove(target, out pending))
                {
                    await Task.Delay(1, cancellationToken);
                }

                return new DpdkLink(pending, address, _options);
            case "memif":
                var port = Open(() => DpdkNative.MemifOpen(target, 0, 0), address);
                try
                {
                    while (DpdkNative.LinkUp(port) != 1)
                    {
                        // memif connects through EAL's interrupt thread: set-up, so poll at 1 ms.
                        await Task.Delay(1, cancellationToken);
                    }
                }
                catch
                {
                    port.Dispose();
                    throw;
                }

                return new DpdkLink(port, address, _options, lingerOnClose: true);
            default:
                return new DpdkLink(OpenDevice(scheme, target, address), address, _options);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static (string Scheme, string Target) Split(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == address.Length - 1)
        {
            throw new TransportException($"Bad DPDK address '{address}': expected ring:NAME, memif:PATH, af_packet:IFACE or pci:ADDRESS.");
        }

        return (address[..colon], address[(colon + 1)..]);
    }

    private static DpdkPortHandle OpenDevice(string scheme, string target, string address) => scheme switch
    {
        "af_packet" => Open(() => DpdkNative.AfPacketOpen(target, 0), address),
        "pci" => Open(() => DpdkNative.PciOpen(target, 0), address),
        _ => throw new TransportException($"Unknown DPDK address scheme '{scheme}' in '{address}'."),
    };

    private static DpdkPortHandle Open(Func<DpdkPortHandle> open, string address)
    {
        var port = open();
        if (port.IsInvalid)
        {
            var error = DpdkNative.LastError();
            port.Dispose();
            throw new TransportException($"Cannot open DPDK port {address}: {error}");
        }

        return port;
    }

    private static void Check(bool ok, string address)
    {
        if (!ok)
        {
            throw new TransportException($"Cannot open DPDK port {address}: {DpdkNative.LastError()}");
        }
    }
}
