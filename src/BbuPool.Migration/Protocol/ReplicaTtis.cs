using BbuPool.Migration.Stacks;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>Between a stack's TTI (input and output digest) and the wire's <see cref="ReplicaTti"/>.</summary>
internal static class ReplicaTtis
{
    public static ReplicaTti From(in TtiInput input, ulong output) =>
        new(input.Tti, input.Prbs, input.Mcs, input.ActiveUes, input.Antennas, input.Seed, output);

    public static TtiInput Input(in ReplicaTti entry) =>
        new(entry.Tti, entry.Prbs, entry.Mcs, entry.ActiveUes, entry.Antennas, entry.Seed);
}
