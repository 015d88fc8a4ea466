using System.Buffers;
using BenchmarkDotNet.Attributes;
using BbuPool.Wire;
using BbuPool.Wire.Contracts;

namespace BbuPool.Benchmarks.Wire;

/// <summary>A placement record (the state plane's hottest value): encode into a reused buffer, and decode.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class WirePlacementBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly PlacementRecord _placement = new()
    {
        CellId = "cell-0042",
        NodeId = "node-07",
        Cores = [2, 3, 5, 7],
        Version = 12345,
        UpdatedAt = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero),
    };

    private byte[] _encoded = [];

    /// <summary>Encodes once for the decode benchmark.</summary>
    [GlobalSetup]
    public void Setup() => _encoded = WireSerializer.ToArray(_placement);

    /// <summary>Encode into a reused buffer writer: should allocate nothing.</summary>
    [Benchmark]
    public int EncodePlacement()
    {
        _buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(_buffer);
        PlacementRecord.Write(ref writer, _placement);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>Decode: allocates the record, its two strings and the cores array.</summary>
    [Benchmark]
    public long DecodePlacement()
    {
        var reader = new MessagePackReader(_encoded);
        return PlacementRecord.Read(ref reader).Version;
    }
}
