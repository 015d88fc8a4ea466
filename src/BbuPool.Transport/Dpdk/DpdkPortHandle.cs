using Microsoft.Win32.SafeHandles;

namespace BbuPool.Transport.Dpdk;

/// <summary>Owns one bbu_dpdk_port: closing it stops the DPDK port and frees its mbuf pool.</summary>
internal sealed class DpdkPortHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the marshaller for returned and out handles.</summary>
    public DpdkPortHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        DpdkNative.PortClose(handle);
        return true;
    }
}
