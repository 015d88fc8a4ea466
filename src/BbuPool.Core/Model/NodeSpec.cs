namespace BbuPool.Core.Model;

/// <summary>A pool server as built: what it has, not what it is doing.</summary>
/// <param name="Id">Unique node id (for example "x86-a-03").</param>
/// <param name="Arch">Instruction-set architecture.</param>
/// <param name="Cores">Physical cores.</param>
/// <param name="OsReservedCores">Cores kept for the OS, agents and interrupts; never given to stacks.</param>
/// <param name="ClockGhz">Sustained all-core clock.</param>
/// <param name="NumaNodes">NUMA nodes; cores are split evenly and a stack's cores stay on one.</param>
/// <param name="MemoryGiB">Memory available to stacks.</param>
/// <param name="NicGbps">Fronthaul + migration NIC bandwidth.</param>
/// <param name="IdleWatts">Power drawn when up and idle.</param>
/// <param name="PeakWatts">Power drawn when every core is busy.</param>
/// <param name="BootSeconds">Time from power-on to accepting stacks.</param>
/// <param name="Site">Hub site where the node sits (fronthaul distances are measured to it).</param>
public sealed record NodeSpec(
    string Id,
    CpuArch Arch,
    int Cores,
    int OsReservedCores,
    double ClockGhz,
    int NumaNodes,
    double MemoryGiB,
    double NicGbps,
    double IdleWatts,
    double PeakWatts,
    double BootSeconds,
    string Site)
{
    /// <summary>Cores stacks may use: all cores minus the OS reservation.</summary>
    public int UsableCores => Cores - OsReservedCores;

    /// <summary>Cores per NUMA node (the largest stack a node can host).</summary>
    public int CoresPerNuma => Cores / NumaNodes;
}
