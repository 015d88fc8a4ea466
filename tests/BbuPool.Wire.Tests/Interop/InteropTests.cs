using System.Buffers;
using BbuPool.Wire.Contracts;
using BbuPool.Wire.Tests.Contracts;

namespace BbuPool.Wire.Tests.Interop;

public sealed class InteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bbupool-wire-interop-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WhatWeWrite_PythonDecodesToItsOwnExpectedValues_AndTheSameBytes()
    {
        var corpus = InteropCorpus.Cases();
        foreach (var (name, value) in corpus)
        {
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(buffer);
            if (name == "placement_record")
            {
                PlacementRecord.Write(ref writer, ContractRoundTripTests.Placement);
            }
            else
            {
                MessagePackTree.Write(ref writer, value);
            }

            writer.Flush();
            File.WriteAllBytes(Path.Combine(_directory, name + ".mp"), buffer.WrittenSpan.ToArray());
        }

        var report = PythonMsgpack.Run("check", _directory);
        var failures = report.GetProperty("failures").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Empty(failures);
        Assert.Equal(corpus.Count, report.GetProperty("checked").GetInt32());
    }

    [Fact]
    public void WhatPythonWrites_WeReadToOurOwnExpectedValues()
    {
        var report = PythonMsgpack.Run("write", _directory);
        var corpus = InteropCorpus.Cases();
        Assert.Equal(corpus.Count, report.GetProperty("written").GetInt32());
        var failures = new List<string>();
        foreach (var (name, expected) in corpus)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_directory, name + ".mp"));
            var reader = new MessagePackReader(bytes);
            var actual = MessagePackTree.Read(ref reader);
            if (!reader.End)
            {
                failures.Add($"{name}: {reader.Remaining} bytes left");
            }

            if (!MessagePackTree.Same(expected, actual))
            {
                failures.Add($"{name}: read {MessagePackTree.Show(actual)}, expected {MessagePackTree.Show(expected)}");
            }
        }

        var placement = WireSerializer.Deserialize<PlacementRecord>(File.ReadAllBytes(Path.Combine(_directory, "placement_record.mp")));
        Assert.Equal(ContractRoundTripTests.Placement, placement);
        Assert.Empty(failures);
    }
}
