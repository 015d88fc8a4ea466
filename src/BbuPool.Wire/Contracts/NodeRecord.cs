namespace BbuPool.Wire.Contracts;

/// <summary>State-plane record: a pool server as registered (spec), its state, last heartbeat and version.</summary>
public sealed record NodeRecord : IWireContract<NodeRecord>
{
    /// <summary>Field ids (docs/wire-format.md); never reuse a retired id.</summary>
    public static class Fields
    {
        /// <summary>str: the node id.</summary>
        public const int Id = 0;

        /// <summary>str: CPU architecture name ("X64", "Arm64").</summary>
        public const int Arch = 1;

        /// <summary>int: all cores.</summary>
        public const int Cores = 2;

        /// <summary>int: cores kept for the OS.</summary>
        public const int OsReservedCores = 3;

        /// <summary>float64: clock in GHz.</summary>
        public const int ClockGhz = 4;

        /// <summary>int: NUMA nodes.</summary>
        public const int NumaNodes = 5;

        /// <summary>float64: memory in GiB.</summary>
        public const int MemoryGiB = 6;

        /// <summary>float64: NIC speed in Gbit/s.</summary>
        public const int NicGbps = 7;

        /// <summary>float64: idle power in W.</summary>
        public const int IdleWatts = 8;

        /// <summary>float64: peak power in W.</summary>
        public const int PeakWatts = 9;

        /// <summary>float64: boot time in seconds.</summary>
        public const int BootSeconds = 10;

        /// <summary>str: site name.</summary>
        public const int Site = 11;

        /// <summary>str: state name ("Up", "Draining", "Off", "Booting", "Failed").</summary>
        public const int State = 12;

        /// <summary>timestamp: last heartbeat (optional).</summary>
        public const int LastHeartbeat = 13;

        /// <summary>int: record version for compare-and-set.</summary>
        public const int Version = 14;
    }

    /// <summary>The node id.</summary>
    public required string Id { get; init; }

    /// <summary>CPU architecture by name ("X64", "Arm64"); a string so new architectures need no wire change.</summary>
    public string Arch { get; init; } = "X64";

    /// <summary>All cores of the node.</summary>
    public int Cores { get; init; }

    /// <summary>Cores kept for the OS and housekeeping.</summary>
    public int OsReservedCores { get; init; }

    /// <summary>Core clock in GHz.</summary>
    public double ClockGhz { get; init; }

    /// <summary>NUMA nodes.</summary>
    public int NumaNodes { get; init; } = 1;

    /// <summary>Memory in GiB.</summary>
    public double MemoryGiB { get; init; }

    /// <summary>NIC speed in Gbit/s.</summary>
    public double NicGbps { get; init; }

    /// <summary>Power drawn idle, in W.</summary>
    public double IdleWatts { get; init; }

    /// <summary>Power drawn at full load, in W.</summary>
    public double PeakWatts { get; init; }

    /// <summary>Time from power-on to accepting stacks, in seconds.</summary>
    public double BootSeconds { get; init; }

    /// <summary>The site (rack, room) the node stands in.</summary>
    public string Site { get; init; } = string.Empty;

    /// <summary>State by name ("Up", "Draining", "Off", "Booting", "Failed").</summary>
    public string State { get; init; } = "Up";

    /// <summary>When the last heartbeat arrived; null when none yet.</summary>
    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>Grows by one with every committed change of this record.</summary>
    public long Version { get; init; }

    /// <inheritdoc/>
    public static void Write(ref MessagePackWriter writer, NodeRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(14 + WireFields.Count(value.LastHeartbeat.HasValue));
        WireFields.Write(ref writer, Fields.Id, value.Id);
        WireFields.Write(ref writer, Fields.Arch, value.Arch);
        writer.Write(Fields.Cores);
        writer.Write(value.Cores);
        writer.Write(Fields.OsReservedCores);
        writer.Write(value.OsReservedCores);
        writer.Write(Fields.ClockGhz);
        writer.Write(value.ClockGhz);
        writer.Write(Fields.NumaNodes);
        writer.Write(value.NumaNodes);
        writer.Write(Fields.MemoryGiB);
        writer.Write(value.MemoryGiB);
        writer.Write(Fields.NicGbps);
        writer.Write(value.NicGbps);
        writer.Write(Fields.IdleWatts);
        writer.Write(value.IdleWatts);
        writer.Write(Fields.PeakWatts);
        writer.Write(value.PeakWatts);
        writer.Write(Fields.BootSeconds);
        writer.Write(value.BootSeconds);
        WireFields.Write(ref writer, Fields.Site, value.Site);
        WireFields.Write(ref writer, Fields.State, value.State);
        if (value.LastHeartbeat is { } heartbeat)
        {
            WireFields.Write(ref writer, Fields.LastHeartbeat, heartbeat);
        }

        writer.Write(Fields.Version);
        writer.Write(value.Version);
    }

    /// <inheritdoc/>
    public static NodeRecord Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        string? id = null;
        string arch = "X64";
        int cores = 0;
        int osReserved = 0;
        double clock = 0;
        int numa = 1;
        double memory = 0;
        double nic = 0;
        double idle = 0;
        double peak = 0;
        double boot = 0;
        string site = string.Empty;
        string state = "Up";
        DateTimeOffset? heartbeat = null;
        long version = 0;
        for (int i = reader.ReadMapHeader(); i > 0; i--)
        {
            switch (WireFields.ReadFieldId(ref reader))
            {
                case Fields.Id: id = reader.ReadString(); break;
                case Fields.Arch: arch = reader.ReadString(); break;
                case Fields.Cores: cores = reader.ReadInt32(); break;
                case Fields.OsReservedCores: osReserved = reader.ReadInt32(); break;
                case Fields.ClockGhz: clock = reader.ReadDouble(); break;
                case Fields.NumaNodes: numa = reader.ReadInt32(); break;
                case Fields.MemoryGiB: memory = reader.ReadDouble(); break;
                case Fields.NicGbps: nic = reader.ReadDouble(); break;
                case Fields.IdleWatts: idle = reader.ReadDouble(); break;
                case Fields.PeakWatts: peak = reader.ReadDouble(); break;
                case Fields.BootSeconds: boot = reader.ReadDouble(); break;
                case Fields.Site: site = reader.ReadString(); break;
                case Fields.State: state = reader.ReadString(); break;
                case Fields.LastHeartbeat: heartbeat = WireFields.ReadNullableDateTimeOffset(ref reader); break;
                case Fields.Version: version = reader.ReadInt64(); break;
                default: reader.Skip(); break;
            }
        }

        return new NodeRecord
        {
            Id = id ?? throw WireFields.Missing(nameof(NodeRecord), Fields.Id, nameof(Id), start),
            Arch = arch,
            Cores = cores,
            OsReservedCores = osReserved,
            ClockGhz = clock,
            NumaNodes = numa,
            MemoryGiB = memory,
            NicGbps = nic,
            IdleWatts = idle,
            PeakWatts = peak,
            BootSeconds = boot,
            Site = site,
            State = state,
            LastHeartbeat = heartbeat,
            Version = version,
        };
    }
}
