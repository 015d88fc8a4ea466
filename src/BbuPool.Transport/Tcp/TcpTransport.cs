using System.Net;
using System.Net.Sockets;

namespace BbuPool.Transport.Tcp;

/// <summary>
/// The TCP transport for hosts without DPDK or shared memory: frames are a 16-byte header
/// (length, magic, sender timestamp) and the payload, on a socket with TCP_NODELAY and 4 MiB buffers.
/// Addresses are "host:port" (IPv4, IPv6 in brackets, or a name).
/// </summary>
public sealed class TcpTransport : ITransport
{
    private readonly TransportOptions _options;

    /// <summary>Creates the transport with <paramref name="options"/>.</summary>
    public TcpTransport(TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc/>
    public TransportKind Kind => TransportKind.Tcp;

    /// <inheritdoc/>
    public ValueTask<ITransportListener> ListenAsync(string address, CancellationToken cancellationToken = default)
    {
        var endPoint = Parse(address);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Configure(socket, _options.Tcp);
            socket.Bind(endPoint);
            // Backlog 16: links are few and long-lived (one per migration peer).
            socket.Listen(16);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new TransportException($"Cannot listen on tcp {address}: {ex.Message}", ex);
        }

        return ValueTask.FromResult<ITransportListener>(new TcpTransportListener(socket, _options));
    }

    /// <inheritdoc/>
    public async ValueTask<ITransportLink> ConnectAsync(string address, CancellationToken cancellationToken = default)
    {
        var endPoint = Parse(address);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Configure(socket, _options.Tcp);
            await socket.ConnectAsync(endPoint, cancellationToken);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new TransportException($"Cannot connect to tcp {address}: {ex.Message}", ex);
        }

        return new TcpLink(socket, _options);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static void Configure(Socket socket, TcpOptions options)
    {
        socket.NoDelay = options.NoDelay;
        socket.SendBufferSize = options.SocketBufferSize;
        socket.ReceiveBufferSize = options.SocketBufferSize;
    }

    private static IPEndPoint Parse(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (address.Contains(':', StringComparison.Ordinal) && IPEndPoint.TryParse(address, out var endPoint))
        {
            return endPoint;
        }

        var colon = address.LastIndexOf(':');
        if (colon > 0 && int.TryParse(address.AsSpan(colon + 1), out var port))
        {
            var host = Dns.GetHostAddresses(address[..colon]);
            if (host.Length > 0)
            {
                return new IPEndPoint(host[0], port);
            }
        }

        throw new TransportException($"Bad tcp address '{address}': expected host:port.");
    }
}
