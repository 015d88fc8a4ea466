using System.Runtime.InteropServices;

namespace BbuPool.Transport.Dpdk;

/// <summary>The C ABI of libbbupool_native (native/include/bbu_dpdk.h, bbu_error.h, bbu_version.h).</summary>
internal static unsafe partial class DpdkNative
{
    /// <summary>The ABI major this assembly was written against (BBU_ABI_VERSION).</summary>
    public const int AbiVersion = 1;

    private const string Lib = NativeLibraryResolver.LibraryName;

    // An explicit static constructor runs before the first import is bound, so the resolver is
    // always in place however the first call is reached.
    static DpdkNative() => NativeLibraryResolver.Register();

    [LibraryImport(Lib, EntryPoint = "bbu_abi_version")]
    public static partial int AbiVersionOfLibrary();

    [LibraryImport(Lib, EntryPoint = "bbu_last_error")]
    private static partial IntPtr LastErrorPointer();

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_backend")]
    public static partial int Backend();

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_init", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Init(int argc, string[] argv);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_ring_pair", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RingPair(string name, uint fragment, out DpdkPortHandle first, out DpdkPortHandle second);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_memif_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial DpdkPortHandle MemifOpen(string socketPath, int server, uint fragment);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_af_packet_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial DpdkPortHandle AfPacketOpen(string iface, uint fragment);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_pci_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial DpdkPortHandle PciOpen(string pciAddress, uint fragment);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_link_up")]
    public static partial int LinkUp(DpdkPortHandle port);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_fragment")]
    public static partial uint Fragment(DpdkPortHandle port);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_port_close")]
    public static partial void PortClose(IntPtr port);

    // The data path takes the raw pointer (DangerousGetHandle under an AddRef in DpdkLink), not
    // the SafeHandle: the generated AddRef/Release pair per call costs two interlocked operations.
    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_send_frame")]
    public static partial int SendFrame(IntPtr port, Iovec* iov, int iovcnt, ulong timestampNanoseconds);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_recv_frame")]
    public static partial int RecvFrame(IntPtr port, byte* buffer, uint capacity, uint* length, ulong* timestampNanoseconds);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_send_close")]
    public static partial int SendClose(IntPtr port);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_bench_set_priority")]
    public static partial void BenchSetPriority(int fifoPriority);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_bench_throughput")]
    public static partial int BenchThroughput(DpdkPortHandle tx, DpdkPortHandle rx, ulong totalBytes, uint frameBytes, int txCpu, int rxCpu, out BenchResult result);

    [LibraryImport(Lib, EntryPoint = "bbu_dpdk_bench_pingpong")]
    public static partial int BenchPingPong(DpdkPortHandle a, DpdkPortHandle b, uint frameBytes, uint iterations, int aCpu, int bCpu, out BenchResult result);

    /// <summary>The calling thread's last native error message.</summary>
    public static string LastError() => Marshal.PtrToStringUTF8(LastErrorPointer()) ?? string.Empty;

    /// <summary>bbu_iovec: one gathered segment.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Iovec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>bbu_bench_result.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BenchResult
    {
        public double BytesPerSecond;
        public double P50Nanoseconds;
        public double P99Nanoseconds;
        public ulong Bytes;
        public double Seconds;
    }
}
