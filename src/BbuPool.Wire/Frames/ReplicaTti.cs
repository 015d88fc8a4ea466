namespace BbuPool.Wire.Frames;

/// <summary>
/// One TTI of replica traffic (redundancy and hot-standby migration): the radio input the stack
/// ran (TTI, PRBs, MCS, active UEs, antennas, input seed) and a 64-bit digest of its output, so the
/// source can compare a replica's outputs with its own (seed 002's review phase).
/// </summary>
/// <param name="Tti">TTI number.</param>
/// <param name="Prbs">Physical resource blocks scheduled.</param>
/// <param name="Mcs">Modulation and coding scheme index.</param>
/// <param name="ActiveUes">UEs active in the TTI.</param>
/// <param name="Antennas">Receive antennas.</param>
/// <param name="Seed">Seed of the TTI's sample data.</param>
/// <param name="Output">Digest of the stack's output for the TTI.</param>
public readonly record struct ReplicaTti(long Tti, int Prbs, int Mcs, int ActiveUes, int Antennas, uint Seed, ulong Output);
