using BbuPool.Transport.Dpdk;

namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>A fact that is skipped, with the reason, when libbbupool_native is missing or was built without DPDK.</summary>
public sealed class DpdkFactAttribute : FactAttribute
{
    public DpdkFactAttribute()
    {
        if (!DpdkEnvironment.TryCheckLibrary(out var reason))
        {
            Skip = reason;
        }
    }
}
