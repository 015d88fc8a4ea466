namespace BbuPool.Transport;

/// <summary>Tuning of the DPDK transport (EAL is initialised once per process with the first options used).</summary>
public sealed class DpdkOptions
{
    /// <summary>
    /// The EAL lcore (-l N). The shim initialises EAL on a dedicated thread and restores the caller's
    /// affinity, so this only names DPDK's main lcore; busy-polling threads pin themselves.
    /// </summary>
    public int Lcore { get; set; }

    /// <summary>
    /// EAL memory in MiB (-m). 256: the mbuf pools of a few ports (2047 mbufs x 16.5 KiB each) fit
    /// without hugepages (--no-huge).
    /// </summary>
    public int MemoryMegabytes { get; set; } = 256;

    /// <summary>Extra EAL arguments; the defaults are --no-huge --no-pci --no-shconf --no-telemetry (virtual devices only).</summary>
    public IList<string> ExtraEalArguments { get; } = [];

    /// <summary>
    /// The transport used when DPDK is unavailable (library missing, built without DPDK, EAL failed):
    /// shm, since DPDK's virtual devices only ever join processes of one host anyway.
    /// </summary>
    public TransportKind Fallback { get; set; } = TransportKind.Shm;

    /// <summary>Whether to allow PCI devices (drops --no-pci); needs a NIC bound to vfio-pci.</summary>
    public bool UsePci { get; set; }
}
