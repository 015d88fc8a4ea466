namespace BbuPool.Core.Model;

/// <summary>A vendor's baseband stack for one RAT: where it runs, how heavy it is and how its state behaves.</summary>
/// <param name="Id">Profile id referenced by cells.</param>
/// <param name="Vendor">Vendor name.</param>
/// <param name="Rat">The RAT it implements.</param>
/// <param name="Archs">Architectures the vendor builds it for.</param>
/// <param name="Stateful">False for stacks that keep no per-UE state across TTIs (stateless migration).</param>
/// <param name="CostFactor">Multiplier on the reference processing cost (1.0 = the reference implementation).</param>
/// <param name="BaseStateMiB">State with no UE attached (tables, scheduler, buffers).</param>
/// <param name="StatePerUeKiB">State per active UE (context + HARQ soft buffers).</param>
/// <param name="DirtyPerScheduledUeKiB">Bytes rewritten per scheduled UE per TTI (HARQ soft buffers, context).</param>
/// <param name="BaseMemoryGiB">Memory the process needs besides its migratable state.</param>
public sealed record StackProfile(
    string Id,
    string Vendor,
    Rat Rat,
    IReadOnlyList<CpuArch> Archs,
    bool Stateful,
    double CostFactor,
    double BaseStateMiB,
    double StatePerUeKiB,
    double DirtyPerScheduledUeKiB,
    double BaseMemoryGiB)
{
    /// <summary>True when the vendor ships a build for <paramref name="arch"/>.</summary>
    public bool Supports(CpuArch arch)
    {
        for (var i = 0; i < Archs.Count; i++)
        {
            if (Archs[i] == arch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>State size for <paramref name="activeUes"/> attached UEs.</summary>
    public long StateBytes(double activeUes) =>
        Stateful ? (long)((BaseStateMiB * 1024 * 1024) + (activeUes * StatePerUeKiB * 1024)) : 0;

    /// <summary>Bytes of state rewritten per second when <paramref name="scheduledUesPerTti"/> UEs are scheduled each TTI.</summary>
    public double DirtyBytesPerSecond(double scheduledUesPerTti, double ttiSeconds) =>
        Stateful ? scheduledUesPerTti * DirtyPerScheduledUeKiB * 1024 / ttiSeconds : 0;
}
