using System.Buffers;
using BbuPool.Wire.Contracts;

namespace BbuPool.Wire.Tests.Contracts;

public class ContractRoundTripTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    public static PlacementRecord Placement => new()
    {
        CellId = "cell-0042",
        NodeId = "node-07",
        Cores = [2, 3, 5, 7],
        Version = 12345,
        UpdatedAt = At,
    };

    public static NodeRecord Node => new()
    {
        Id = "node-07",
        Arch = "Arm64",
        Cores = 64,
        OsReservedCores = 2,
        ClockGhz = 2.6,
        NumaNodes = 2,
        MemoryGiB = 256,
        NicGbps = 100,
        IdleWatts = 95.5,
        PeakWatts = 410,
        BootSeconds = 90,
        Site = "room-a",
        State = "Draining",
        LastHeartbeat = At,
        Version = 9,
    };

    public static LoadSampleRecord Load => new()
    {
        CellId = "cell-0042",
        At = At,
        PrbUtilisation = 0.73,
        Mcs = 27,
        ActiveUes = 140,
        Layers = 4,
    };

    public static MigrationRecord Migration => new()
    {
        MigrationId = "m-1",
        CellId = "cell-0042",
        SourceNodeId = "node-07",
        TargetNodeId = "node-09",
        Method = "Precopy",
        Phase = "Committed",
        PlannedAt = At,
        StartedAt = At.AddSeconds(1),
        EndedAt = At.AddSeconds(2),
        DowntimeMicroseconds = 812.5,
        BytesTransferred = 1L << 33,
        Reason = "tidal consolidation",
        Version = 3,
    };

    [Fact]
    public void Placement_RoundTrips() => AssertRoundTrip(Placement);

    [Fact]
    public void Placement_WithoutOptionalFields_RoundTrips() => AssertRoundTrip(Placement with { UpdatedAt = null, Cores = [] });

    [Fact]
    public void Node_RoundTrips() => AssertRoundTrip(Node);

    [Fact]
    public void Node_WithoutHeartbeat_RoundTrips() => AssertRoundTrip(Node with { LastHeartbeat = null });

    [Fact]
    public void LoadSample_RoundTrips() => AssertRoundTrip(Load);

    [Fact]
    public void Migration_RoundTrips() => AssertRoundTrip(Migration);

    [Fact]
    public void Migration_Planned_RoundTrips() =>
        AssertRoundTrip(Migration with { Phase = "Planned", StartedAt = null, EndedAt = null, DowntimeMicroseconds = null, BytesTransferred = null, Reason = null });

    [Fact]
    public void UnknownFields_FromANewerVersion_AreSkipped()
    {
        // A newer writer: the same map with two more fields, one of them a nested structure, and a string key.
        var bytes = Encode.With((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(8);
            w.Write(99);
            w.WriteMapHeader(1);
            w.Write("nested");
            w.WriteArrayHeader(2);
            w.Write(1);
            w.Write(new MessagePackTimestamp(-5, 1));
            w.Write(0);
            w.Write("cell-0042");
            w.Write(1);
            w.Write("node-07");
            w.Write("a string key");
            w.Write(1.5);
            w.Write(2);
            w.WriteArrayHeader(2);
            w.Write(2);
            w.Write(3);
            w.Write(3);
            w.Write(7);
            w.Write(ulong.MaxValue);
            w.WriteNil();
            w.Write(-3);
            w.Write(true);
        });
        var record = WireSerializer.Deserialize<PlacementRecord>(bytes);
        Assert.Equal(new PlacementRecord { CellId = "cell-0042", NodeId = "node-07", Cores = [2, 3], Version = 7 }, record);
    }

    [Fact]
    public void MissingRequiredField_ThrowsWithTheMapOffset()
    {
        var bytes = Encode.With((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write(0);
            w.Write("cell");
        });
        var ex = Assert.Throws<MessagePackFormatException>(() => WireSerializer.Deserialize<PlacementRecord>(bytes));
        Assert.Equal(0, ex.Offset);
        Assert.Contains("NodeId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingBytes_AreRejected()
    {
        var bytes = WireSerializer.ToArray(Placement).Append((byte)0xc0).ToArray();
        var ex = Assert.Throws<MessagePackFormatException>(() => WireSerializer.Deserialize<PlacementRecord>(bytes));
        Assert.Equal(bytes.Length - 1, ex.Offset);
        Assert.False(WireSerializer.TryDeserialize<PlacementRecord>(bytes, out _));
    }

    [Fact]
    public void WrongFieldType_ThrowsAtTheValue()
    {
        var bytes = Encode.With((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write(0);
            w.Write("cell");
            w.Write(1);
            w.Write(42);
        });
        var ex = Assert.Throws<MessagePackFormatException>(() => WireSerializer.Deserialize<PlacementRecord>(bytes));
        Assert.Equal(8, ex.Offset);
    }

    [Fact]
    public void PlacementEncode_AllocatesNothing()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var placement = Placement;
        WireSerializer.Serialize(buffer, placement);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            buffer.ResetWrittenCount();
            var writer = new MessagePackWriter(buffer);
            PlacementRecord.Write(ref writer, placement);
            writer.Flush();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertRoundTrip<T>(T value)
        where T : IWireContract<T>
    {
        var bytes = WireSerializer.ToArray(value);
        Assert.Equal(value, WireSerializer.Deserialize<T>(bytes));
    }
}
