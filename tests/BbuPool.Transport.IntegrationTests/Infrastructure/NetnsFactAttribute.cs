using BbuPool.Transport.Dpdk;

namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs DPDK and the right to create network namespaces and veth pairs (root, iproute2);
/// skipped with the reason otherwise. Probes by creating and deleting a namespace.
/// </summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (!DpdkEnvironment.TryCheckLibrary(out var reason))
        {
            Skip = reason;
            return;
        }

        var probe = "bbu-probe-" + Environment.ProcessId;
        var (code, output) = Shell.Run("ip", $"netns add {probe}");
        if (code != 0)
        {
            Skip = $"cannot create a network namespace here (ip netns add: {output.Trim()}); net_af_packet over veth needs root and iproute2";
            return;
        }

        Shell.Run("ip", $"netns del {probe}");
    }
}
