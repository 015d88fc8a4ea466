namespace BbuPool.Core.Cost;

/// <summary>What one cell needs at its current load.</summary>
/// <param name="MicrosPerTti">Core time per TTI on the reference core (before arch and clock).</param>
/// <param name="Cores">Cores needed on a reference node with the policy's headroom.</param>
/// <param name="MinCores">Cores needed with no headroom; fewer means missed deadlines.</param>
/// <param name="MemoryGiB">Memory the stack needs.</param>
/// <param name="NicGbps">Fronthaul bandwidth the cell uses.</param>
/// <param name="StateBytes">Migratable state size.</param>
/// <param name="DirtyBytesPerSecond">Rate at which the stack rewrites its state.</param>
public readonly record struct CellDemand(
    double MicrosPerTti,
    int Cores,
    int MinCores,
    double MemoryGiB,
    double NicGbps,
    long StateBytes,
    double DirtyBytesPerSecond);
