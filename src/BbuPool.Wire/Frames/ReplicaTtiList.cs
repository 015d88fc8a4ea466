namespace BbuPool.Wire.Frames;

/// <summary>The body both replica frames share: field 0, an array of 7-element TTI entries.</summary>
internal static class ReplicaTtiList
{
    /// <summary>Elements of one entry: tti, prbs, mcs, ues, antennas, seed, output.</summary>
    private const int EntryLength = 7;

    public static void Write(ref MessagePackWriter writer, int field, IReadOnlyList<ReplicaTti> entries)
    {
        writer.WriteMapHeader(1);
        writer.Write(field);
        writer.WriteArrayHeader(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            writer.WriteArrayHeader(EntryLength);
            writer.Write(e.Tti);
            writer.Write(e.Prbs);
            writer.Write(e.Mcs);
            writer.Write(e.ActiveUes);
            writer.Write(e.Antennas);
            writer.Write(e.Seed);
            writer.Write(e.Output);
        }
    }

    public static List<ReplicaTti> Read(ref MessagePackReader reader, int field)
    {
        var list = new List<ReplicaTti>();
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            if (WireFields.ReadFieldId(ref reader) != field)
            {
                reader.Skip();
                continue;
            }

            for (int n = reader.ReadArrayHeader(); n > 0; n--)
            {
                long at = reader.Position;
                int length = reader.ReadArrayHeader();
                if (length < EntryLength)
                {
                    throw new MessagePackFormatException($"Replica entry has {length} elements, expected {EntryLength}.", at);
                }

                list.Add(new ReplicaTti(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadUInt32(), reader.ReadUInt64()));
                for (int extra = length - EntryLength; extra > 0; extra--)
                {
                    // Elements a newer version appends are skipped, as for page entries.
                    reader.Skip();
                }
            }
        }

        return list;
    }
}
