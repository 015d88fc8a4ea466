namespace BbuPool.Wire.Frames;

/// <summary>Forwarded TTIs, source to destination: the inputs the source ran from the cut on, with its outputs.</summary>
public sealed record ReplicaFeedFrame : IFrame<ReplicaFeedFrame>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>array of [tti int, prbs int, mcs int, ues int, antennas int, seed uint, output uint64].</summary>
        public const int Entries = 0;
    }

    /// <inheritdoc/>
    public static FrameType FrameType => FrameType.ReplicaFeed;

    /// <summary>The TTIs carried, in order.</summary>
    public IReadOnlyList<ReplicaTti> Entries { get; init; } = [];

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, ReplicaFeedFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ReplicaTtiList.Write(ref writer, Fields.Entries, value.Entries);
    }

    /// <inheritdoc/>
    public static ReplicaFeedFrame Read(ref MessagePackReader reader) => new() { Entries = ReplicaTtiList.Read(ref reader, Fields.Entries) };

    /// <inheritdoc/>
    public bool Equals(ReplicaFeedFrame? other) => other is not null && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc/>
    public override int GetHashCode() => Entries.Count;
}
