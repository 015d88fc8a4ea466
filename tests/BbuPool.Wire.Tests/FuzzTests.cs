using BbuPool.Wire.Contracts;
using BbuPool.Wire.Frames;
using BbuPool.Wire.Tests.Contracts;
using BbuPool.Wire.Tests.Interop;

namespace BbuPool.Wire.Tests;

/// <summary>Random and mutated bytes into every reader: only MessagePackFormatException, no hang, allocation bounded by the input.</summary>
public class FuzzTests
{
    // Enough inputs to hit every first byte and length form many times over; about 2 s here.
    private const int RandomInputs = 30_000;
    private const int MutatedInputs = 30_000;

    // A hang guard only (not a timing assertion): the whole fuzz run takes seconds.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    [Fact]
    public void RandomBytes_OnlyTheTypedException_BoundedAllocation() =>
        RunGuarded(() =>
        {
            var random = new Random(20261122);
            for (int i = 0; i < RandomInputs; i++)
            {
                var input = new byte[random.Next(0, 48)];
                random.NextBytes(input);
                FeedEverything(input);
            }
        });

    [Fact]
    public void MutatedValidInputs_OnlyTheTypedException_BoundedAllocation() =>
        RunGuarded(() =>
        {
            var seeds = Seeds();
            var random = new Random(42);
            for (int i = 0; i < MutatedInputs; i++)
            {
                var input = Mutate(seeds[random.Next(seeds.Count)], random);
                FeedEverything(input);
            }
        });

    private static void RunGuarded(Action fuzz)
    {
        var task = Task.Factory.StartNew(fuzz, TaskCreationOptions.LongRunning);
        Assert.True(task.Wait(HangGuard), "The fuzz run hung.");
    }

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        foreach (var (name, value) in InteropCorpus.Cases())
        {
            if (name.EndsWith("65536", StringComparison.Ordinal) || name.EndsWith("65535", StringComparison.Ordinal))
            {
                continue;
            }

            seeds.Add(Encode.With((ref MessagePackWriter w) => MessagePackTree.Write(ref w, value)));
        }

        seeds.Add(WireSerializer.ToArray(ContractRoundTripTests.Placement));
        seeds.Add(WireSerializer.ToArray(ContractRoundTripTests.Node));
        seeds.Add(WireSerializer.ToArray(ContractRoundTripTests.Load));
        seeds.Add(WireSerializer.ToArray(ContractRoundTripTests.Migration));
        seeds.Add(WireSerializer.ToArray(new PageRequestFrame { RequestId = 1, PageIndices = [1, 2, 3] }));
        var key = new byte[32];
        seeds.Add(WireSerializer.ToArray(HelloAuthenticator.Sign(new HelloFrame { NodeId = "a", MigrationId = "m", Nonce = new byte[16] }, key)));
        var frames = new FrameWriter(64);
        seeds.Add(PagesFrame.WriteRaw(frames, 1, 32, new byte[32 * 4], [0, 1, 3]).ToArray());
        seeds.Add(frames.Write(new AbortFrame { Reason = AbortReason.Timeout, Message = "x" }).ToArray());
        return seeds;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = new byte[] { 0x00, 0x7f, 0xc1, 0xdb, 0xdd, 0xdf, 0xc9, 0xff, 0xcf, 0xd7 }[random.Next(10)]; break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                case 3: bytes.Insert(at, (byte)random.Next(256)); break;
                case 4: bytes.RemoveAt(at); break;
                default:
                    // Inflate a length: 0xff over up to four bytes after a header.
                    for (int k = at; k < Math.Min(bytes.Count, at + 4); k++)
                    {
                        bytes[k] = 0xff;
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private static void FeedEverything(byte[] input)
    {
        // Skip-only walk: must not allocate anything but a possible exception.
        long before = GC.GetAllocatedBytesForCurrentThread();
        Guard(input, static data =>
        {
            var r = new MessagePackReader(data);
            while (!r.End)
            {
                r.Skip();
            }
        });
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 * 1024);

        // Readers that build values: allocation proportional to the input, never to a length it claims.
        before = GC.GetAllocatedBytesForCurrentThread();
        Guard(input, static data =>
        {
            var r = new MessagePackReader(data);
            while (!r.End)
            {
                _ = MessagePackTree.Read(ref r);
            }
        });
        Guard(input, static data => WireSerializer.Deserialize<PlacementRecord>(data));
        Guard(input, static data => WireSerializer.Deserialize<NodeRecord>(data));
        Guard(input, static data => WireSerializer.Deserialize<LoadSampleRecord>(data));
        Guard(input, static data => WireSerializer.Deserialize<MigrationRecord>(data));
        Guard(input, static data => WireSerializer.Deserialize<HelloFrame>(data));
        Guard(input, static data => WireSerializer.Deserialize<PageRequestFrame>(data));
        Guard(input, static data => WireSerializer.Deserialize<ExecutionStateFrame>(data));
        Guard(input, static data => WireSerializer.Deserialize<AbortFrame>(data));
        Guard(input, static data =>
        {
            var pages = new PagesFrameReader(data);
            while (pages.TryReadNext(out _))
            {
            }
        });
        Guard(input, static data => _ = HelloAuthenticator.Verify(data, new byte[32]));
        Guard(input, static data =>
        {
            if (FrameEnvelope.TryReadFrame(data, out var header) == FrameReadStatus.Complete)
            {
                var pages = new PagesFrameReader(data.AsSpan(FrameEnvelope.HeaderSize, header.BodyLength));
                while (pages.TryReadNext(out _))
                {
                }
            }
        });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 13 readers, each at most its exceptions (~2 KiB with message and trace) plus ~100 bytes of objects per input byte.
        Assert.InRange(allocated, 0, 13 * (4096 + (128L * input.Length)));
    }

    private static void Guard(byte[] input, Action<byte[]> read)
    {
        try
        {
            read(input);
        }
        catch (MessagePackFormatException ex)
        {
            Assert.InRange(ex.Offset, 0, input.Length);
        }
    }
}
