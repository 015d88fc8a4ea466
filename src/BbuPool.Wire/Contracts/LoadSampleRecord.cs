namespace BbuPool.Wire.Contracts;

/// <summary>State-plane record: one load measurement of a cell (PRB utilisation, MCS, active UEs, layers).</summary>
public sealed record LoadSampleRecord : IWireContract<LoadSampleRecord>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>str: the cell id.</summary>
        public const int CellId = 0;

        /// <summary>timestamp: when it was measured.</summary>
        public const int At = 1;

        /// <summary>float64: PRB utilisation, 0..1.</summary>
        public const int PrbUtilisation = 2;

        /// <summary>int: MCS index.</summary>
        public const int Mcs = 3;

        /// <summary>int: active UEs.</summary>
        public const int ActiveUes = 4;

        /// <summary>int: MIMO layers.</summary>
        public const int Layers = 5;
    }

    /// <summary>The cell.</summary>
    public required string CellId { get; init; }

    /// <summary>When it was measured.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>PRB utilisation, 0..1.</summary>
    public double PrbUtilisation { get; init; }

    /// <summary>Modulation and coding scheme index.</summary>
    public int Mcs { get; init; }

    /// <summary>UEs with traffic in the sample.</summary>
    public int ActiveUes { get; init; }

    /// <summary>MIMO layers in use.</summary>
    public int Layers { get; init; } = 1;

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, LoadSampleRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(6);
        WireFields.Write(ref writer, Fields.CellId, value.CellId);
        WireFields.Write(ref writer, Fields.At, value.At);
        writer.Write(Fields.PrbUtilisation);
        writer.Write(value.PrbUtilisation);
        writer.Write(Fields.Mcs);
        writer.Write(value.Mcs);
        writer.Write(Fields.ActiveUes);
        writer.Write(value.ActiveUes);
        writer.Write(Fields.Layers);
        writer.Write(value.Layers);
    }

    /// <inheritdoc/>
    public static LoadSampleRecord Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        string? cellId = null;
        DateTimeOffset at = default;
        double prb = 0;
        int mcs = 0;
        int ues = 0;
        int layers = 1;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.CellId: cellId = reader.ReadString(); break;
                case Fields.At: at = reader.ReadDateTimeOffset(); break;
                case Fields.PrbUtilisation: prb = reader.ReadDouble(); break;
                case Fields.Mcs: mcs = reader.ReadInt32(); break;
                case Fields.ActiveUes: ues = reader.ReadInt32(); break;
                case Fields.Layers: layers = reader.ReadInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return new LoadSampleRecord
        {
            CellId = cellId ?? throw WireFields.Missing(nameof(LoadSampleRecord), Fields.CellId, nameof(CellId), start),
            At = at,
            PrbUtilisation = prb,
            Mcs = mcs,
            ActiveUes = ues,
            Layers = layers,
        };
    }
}
