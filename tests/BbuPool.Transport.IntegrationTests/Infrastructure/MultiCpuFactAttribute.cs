using BbuPool.Transport.Threading;

namespace BbuPool.Transport.IntegrationTests.Infrastructure;

/// <summary>A fact that is skipped, with the reason, when this process may run on fewer than two CPUs.</summary>
public sealed class MultiCpuFactAttribute : FactAttribute
{
    public MultiCpuFactAttribute()
    {
        if (!CpuAffinity.TryGetProcessSet(out var cpus) || cpus.Count < 2)
        {
            Skip = $"needs a process allowed on 2 CPUs or more; this one has {(CpuAffinity.TryGetProcessSet(out var set) ? set.ToString() : "an unknown set")}";
        }
    }
}
