using System.Diagnostics;
using BbuPool.Core.Model;
using BbuPool.StatePlane.Redis;
using BbuPool.StatePlane.Tests.Contract;

namespace BbuPool.StatePlane.Tests;

public sealed class StateCodecTests
{
    [Fact]
    public void Node_RoundTrips()
    {
        var node = StatePlaneContract.Node("arm-b-07") with { Arch = CpuArch.Arm64, Site = "hub-ü" };
        Assert.Equal(node, StateCodec.DecodeNode(StateCodec.Encode(node)));
    }

    [Fact]
    public void Placement_RoundTrips_WithItsVersion()
    {
        var p = StateCodec.DecodePlacement(StateCodec.Encode("c1", "n1", [0, 1, 63], 1L << 40));
        Assert.Equal("c1", p.CellId);
        Assert.Equal("n1", p.NodeId);
        Assert.Equal([0, 1, 63], p.Cores);
        Assert.Equal(1L << 40, p.Version);
    }

    [Fact]
    public void Migration_RoundTrips_WithAndWithoutOptionalFigures()
    {
        var t0 = new DateTimeOffset(2026, 11, 22, 3, 0, 0, 123, TimeSpan.Zero);
        var bare = new MigrationEntry("m1", "c1", "n1", "n2", "pre-copy", MigrationPhase.Planned, t0);
        var full = bare with { Phase = MigrationPhase.Committed, StartedAt = t0.AddTicks(17), EndedAt = t0.AddSeconds(2), DowntimeMicroseconds = 4.6e3, BytesTransferred = 2000L << 20, Reason = "tidal" };
        Assert.Equal(bare, StateCodec.DecodeMigration(StateCodec.Encode(bare)));
        Assert.Equal(full, StateCodec.DecodeMigration(StateCodec.Encode(full)));
    }

    [Fact]
    public void LoadSample_RoundTrips()
    {
        var s = new CellLoadSample("c9", DateTimeOffset.UnixEpoch.AddMilliseconds(1_700_000_000_123), new LoadSample(0.73, 21.5, 57));
        Assert.Equal(s, StateCodec.DecodeLoad(StateCodec.Encode(s)));
    }

    [Fact]
    public void LoadSample_WithAnUnknownSchema_IsRejected()
    {
        var bytes = StateCodec.Encode(new CellLoadSample("c1", DateTimeOffset.UnixEpoch, new LoadSample(0.5, 10, 3)));
        bytes[1] = 0x02; // schema 1 -> 2 (positive fixint right after the array header)
        Assert.Throws<InvalidDataException>(() => StateCodec.DecodeLoad(bytes));
    }

    [Fact]
    public void Placement_IsTheWirePlacementRecord_AsDebianPythonMsgpackReadsIt()
    {
        // Interop check against an independent implementation, when Debian's python3-msgpack is there.
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            return;
        }

        var hex = Convert.ToHexString(StateCodec.Encode("c1", "n1", [2, 3], 7));
        var psi = new ProcessStartInfo(python, ["-c", $"import msgpack,sys; print(msgpack.unpackb(bytes.fromhex('{hex}'), strict_map_key=False))"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (error.Contains("No module named 'msgpack'", StringComparison.Ordinal))
        {
            return;
        }

        Assert.True(error.Length == 0, error);
        Assert.Equal("{0: 'c1', 1: 'n1', 2: [2, 3], 3: 7}", output);
    }
}
