namespace BbuPool.Transport.PeerHost;

/// <summary>Peer process for two-process transport tests.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => args.Length >= 0 ? 0 : 1;
}
