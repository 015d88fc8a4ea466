namespace BbuPool.Migration.Stacks;

/// <summary>What the radio hands a stack for one TTI: the load that sets its compute and writes.</summary>
/// <param name="Tti">TTI index (monotonic, never reused).</param>
/// <param name="Prbs">Physical resource blocks scheduled this TTI.</param>
/// <param name="Mcs">Modulation and coding scheme index, 0..28 (sets decoder iterations).</param>
/// <param name="ActiveUes">UEs scheduled this TTI.</param>
/// <param name="Antennas">Receive antennas.</param>
/// <param name="Seed">Per-TTI sample seed (stands in for the IQ samples).</param>
public readonly record struct TtiInput(long Tti, int Prbs, int Mcs, int ActiveUes, int Antennas, uint Seed);
