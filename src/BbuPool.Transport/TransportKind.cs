namespace BbuPool.Transport;

/// <summary>Which transport carries a link; chosen by configuration (<see cref="TransportOptions.Kind"/>).</summary>
public enum TransportKind
{
    /// <summary>Kernel bypass through the native DPDK shim (net_ring, net_memif, net_af_packet or a PCI NIC).</summary>
    Dpdk = 0,

    /// <summary>A single-producer single-consumer ring in a shared /dev/shm mapping (same host, two threads or two processes).</summary>
    Shm = 1,

    /// <summary>Length-prefixed frames over TCP with TCP_NODELAY and large socket buffers (any host).</summary>
    Tcp = 2,

    /// <summary>The in-memory pair of BbuPool.Testing, for unit tests of the layers above.</summary>
    InMemory = 3,
}
