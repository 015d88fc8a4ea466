using System.Net;
using System.Net.Sockets;

namespace BbuPool.Transport.Tcp;

/// <summary>A listening TCP socket whose accepted connections become <see cref="TcpLink"/>s.</summary>
internal sealed class TcpTransportListener : ITransportListener
{
    private readonly Socket _socket;
    private readonly TransportOptions _options;

    public TcpTransportListener(Socket socket, TransportOptions options)
    {
        _socket = socket;
        _options = options;
        LocalAddress = ((IPEndPoint)socket.LocalEndPoint!).ToString();
    }

    public string LocalAddress { get; }

    public async ValueTask<ITransportLink> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var socket = await _socket.AcceptAsync(cancellationToken);
            TcpTransport.Configure(socket, _options.Tcp);
            return new TcpLink(socket, _options);
        }
        catch (SocketException ex)
        {
            throw new TransportClosedException($"Tcp listener {LocalAddress} failed: {ex.Message}", ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new TransportClosedException($"Tcp listener {LocalAddress} is closed.", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
