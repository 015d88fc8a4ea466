namespace BbuPool.Wire.Frames;

/// <summary>The replica's outputs, destination to source, for the review (an empty one from a stateless destination: its fresh stack is ready).</summary>
public sealed record ReplicaOutputsFrame : IFrame<ReplicaOutputsFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>array of [tti int, prbs int, mcs int, ues int, antennas int, seed uint, output uint64].</summary>
        public const int Entries = 0;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.ReplicaOutputs;

    /// <summary>The TTIs carried, in order.</summary>
    public IReadOnlyList<ReplicaTti> Entries { get; init; } = [];

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, ReplicaOutputsFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ReplicaTtiList.Write(ref writer, Fields.Entries, value.Entries);
    }

    /// <inheritdoc/>
    public static ReplicaOutputsFrame Read(ref MessagePackReader reader) => new() { Entries = ReplicaTtiList.Read(ref reader, Fields.Entries) };

    /// <inheritdoc/>
    public bool Equals(ReplicaOutputsFrame? other) => other is not null && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc/>
    public override int GetHashCode() => Entries.Count;
}
