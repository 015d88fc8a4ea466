namespace BbuPool.Transport;

/// <summary>The listening side of a transport: accepts peers that connect to <see cref="LocalAddress"/>.</summary>
public interface ITransportListener : IAsyncDisposable
{
    /// <summary>The address peers connect to (with the port filled in when tcp listened on port 0).</summary>
    string LocalAddress { get; }

    /// <summary>Waits for the next peer and returns the link to it.</summary>
    ValueTask<ITransportLink> AcceptAsync(CancellationToken cancellationToken = default);
}
