using System.Collections.Concurrent;
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

    // Entries a replica frame (feed or outputs) carries at most: 512 x ~40 B fit any link's frame.
    private const int PerFrame = 512;

    /// <summary>
    /// Moves up to one frame's worth of <paramref name="queue"/> into <paramref name="batch"/>
    /// (cleared first); false when nothing was queued. Both replica loops send everything queued
    /// per wake this way: a replica replaying its backlog ends TTIs faster than one frame per wake
    /// would carry them.
    /// </summary>
    public static bool TakeBatch(ConcurrentQueue<ReplicaTti> queue, List<ReplicaTti> batch)
    {
        batch.Clear();
        while (batch.Count < PerFrame && queue.TryDequeue(out var e))
        {
            batch.Add(e);
        }

        return batch.Count > 0;
    }
}
