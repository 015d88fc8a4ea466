namespace BbuPool.Transport;

/// <summary>Configuration of the transport: which kind, how receivers wait, and per-kind tuning.</summary>
public sealed class TransportOptions
{
    /// <summary>The configuration section name ("Transport").</summary>
    public const string SectionName = "Transport";

    /// <summary>Which transport to use; <see cref="TransportKind.Dpdk"/> falls back to shm (same host) or tcp when the native library or DPDK is missing.</summary>
    public TransportKind Kind { get; set; } = TransportKind.Shm;

    /// <summary>How receivers (and senders waiting for room) wait.</summary>
    public ReceiveMode ReceiveMode { get; set; } = ReceiveMode.Hybrid;

    /// <summary>
    /// In <see cref="ReceiveMode.Hybrid"/>, how long to spin before blocking. 50 us: longer than the
    /// 25-60 us a blocking wake-up costs here, so a frame that comes within a wake-up's cost never pays one.
    /// </summary>
    public TimeSpan SpinDuration { get; set; } = TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// The largest frame a link accepts. 16 MiB: a migration round sends page batches of at most a
    /// few MiB; larger state is split by the sender.
    /// </summary>
    public int MaxFrameLength { get; set; } = 16 * 1024 * 1024;

    /// <summary>Shared-memory ring tuning.</summary>
    public SharedMemoryOptions SharedMemory { get; set; } = new();

    /// <summary>TCP tuning.</summary>
    public TcpOptions Tcp { get; set; } = new();

    /// <summary>DPDK tuning.</summary>
    public DpdkOptions Dpdk { get; set; } = new();
}
