namespace BbuPool.Transport;

/// <summary>Tuning of the TCP transport.</summary>
public sealed class TcpOptions
{
    /// <summary>
    /// Socket send and receive buffer size. 4 MiB: a few 64 KiB frames in flight keep loopback at
    /// 2.5-3 GB/s, and a WAN link's bandwidth-delay product at 10 Gb/s x 3 ms fits.
    /// </summary>
    public int SocketBufferSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>TCP_NODELAY: on, since frames are whole messages and Nagle would add up to 40 ms.</summary>
    public bool NoDelay { get; set; } = true;
}
