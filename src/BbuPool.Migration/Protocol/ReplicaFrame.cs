using BbuPool.Migration.Stacks;
using BbuPool.Wire;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Protocol;

/// <summary>
/// Replica traffic of redundancy and hot-standby migration: forwarded TTI inputs with the source's
/// outputs (type 32, source to destination) and the replica's outputs for review (type 33, back).
/// The types sit above the wire's 1..10 until BbuPool.Wire adopts them (see docs/migration-protocol.md).
/// </summary>
public sealed record ReplicaFrame : IFrame<ReplicaFrame>
{
    /// <summary>Envelope type of a feed (inputs, source to destination).</summary>
    public const FrameType FeedType = (FrameType)32;

    /// <summary>Envelope type of replica outputs (destination to source).</summary>
    public const FrameType OutputsType = (FrameType)33;

    /// <summary>Field 0: array of [tti, prbs, mcs, ues, antennas, seed, output].</summary>
    public const int EntriesField = 0;

    /// <inheritdoc />
    public static FrameType FrameType => FeedType;

    /// <summary>The TTIs carried.</summary>
    public IReadOnlyList<ReplicaEntry> Entries { get; init; } = [];

    /// <inheritdoc />
    public static void Write(ref MessagePackWriter writer, ReplicaFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(1);
        writer.Write(EntriesField);
        writer.WriteArrayHeader(value.Entries.Count);
        foreach (var e in value.Entries)
        {
            writer.WriteArrayHeader(7);
            writer.Write(e.Input.Tti);
            writer.Write(e.Input.Prbs);
            writer.Write(e.Input.Mcs);
            writer.Write(e.Input.ActiveUes);
            writer.Write(e.Input.Antennas);
            writer.Write(e.Input.Seed);
            writer.Write(e.Output);
        }
    }

    /// <inheritdoc />
    public static ReplicaFrame Read(ref MessagePackReader reader)
    {
        var list = new List<ReplicaEntry>();
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            if (WireFields.ReadFieldId(ref reader) != EntriesField)
            {
                reader.Skip();
                continue;
            }

            for (int n = reader.ReadArrayHeader(); n > 0; n--)
            {
                if (reader.ReadArrayHeader() != 7)
                {
                    throw new MessagePackFormatException("Replica entry must have 7 fields.", reader.Position);
                }

                var input = new TtiInput(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadUInt32());
                list.Add(new ReplicaEntry(input, reader.ReadUInt64()));
            }
        }

        return new ReplicaFrame { Entries = list };
    }
}
