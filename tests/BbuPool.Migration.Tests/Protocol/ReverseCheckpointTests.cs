using BbuPool.Core.Migration;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Protocol;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Migration.Tests.Stacks;
using BbuPool.Testing.Transport;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>The source's side of PostCopyFT, driven frame by frame by a fake destination.</summary>
[Collection(SerialCollection.Name)]
public sealed class ReverseCheckpointTests
{
    [Fact]
    public async Task ZeroPageInALaterCheckpoint_IsZero_WhenItsStagingBufferIsReused()
    {
        // A stack that writes nothing, so the image the source resumes with is exactly the
        // checkpoints it applied over its own 0x11 bytes.
        using var region = PageRegion.ForBytes(1L << 20);
        for (int p = 0; p < region.PageCount; p++)
        {
            region.Page(p).Fill(0x11);
        }

        using var host = new StackHost(new QuietStack(), region, new LoadProfile(0.1).InputFor, new StackHostOptions { TtiPeriod = TimeSpan.FromMilliseconds(1), Wait = TtiWait.Sleep, Name = "src" });
        host.StartClocked(1000);
        var options = new MigrationOptions { Method = MigrationMethod.Postcopy, SharedKey = MigrationRig.Key, Timeout = TimeSpan.FromSeconds(60) };
        var (sourceEnd, fakeEnd) = InMemoryTransport.CreatePair();
        using var fake = new FakeDestination(fakeEnd);
        var staging = new PageBufferPool();
        var run = Task.Run(() => new MigrationSource(host, options) { StagingPages = staging }.RunAsync(sourceEnd));

        await fake.AnswerHelloAsync(options.MigrationId);
        long stop = (await fake.ReceiveAsync<ExecutionStateFrame>()).LastTti;

        // Checkpoint 1 writes pages 5 and 6; checkpoint 2 zeroes page 5 (its staging buffer is
        // one of checkpoint 1's, still holding 0xAB or 0xCD) and writes page 7.
        await CheckpointAsync(fake, stop + 5, (5, PageEncoding.Raw, Filled(0xAB)), (6, PageEncoding.Raw, Filled(0xCD)));
        await CheckpointAsync(fake, stop + 10, (5, PageEncoding.Zero, []), (7, PageEncoding.Raw, Filled(0xEF)));

        // A third checkpoint's page arrives, never closed: staged, never applied.
        await fake.SendPagesAsync([(9, PageEncoding.Raw, Filled(0x99))]);
        await fake.SendAsync(new AbortFrame { Reason = AbortReason.DestinationFailed, Message = "stack died", SenderRunning = false });

        var result = await Eventually.WithinAsync(run, () => "the source end");
        Assert.False(result.Committed);
        Assert.Equal(stop + 11, result.ResumedAtTti);
        Assert.True(region.Page(5).IndexOfAnyExcept((byte)0) < 0, "page 5 is zero");
        Assert.True(region.Page(6).IndexOfAnyExcept((byte)0xCD) < 0, "page 6 is checkpoint 1's");
        Assert.True(region.Page(7).IndexOfAnyExcept((byte)0xEF) < 0, "page 7 is checkpoint 2's");
        Assert.True(region.Page(8).IndexOfAnyExcept((byte)0x11) < 0, "page 8 is the source's own");
        Assert.True(region.Page(9).IndexOfAnyExcept((byte)0x11) < 0, "page 9 is the source's own: its checkpoint never closed");

        // The two staging buffers (checkpoints 2 and 3 reused checkpoint 1's) are back in the
        // pool for the next migration, the unclosed checkpoint's one too.
        Assert.Equal(2, staging.Count);
    }

    /// <summary>Sends one checkpoint and waits for the source to acknowledge that it applied it.</summary>
    private static async Task CheckpointAsync(FakeDestination fake, long lastTti, params (int Index, PageEncoding Encoding, byte[] Data)[] pages)
    {
        await fake.SendPagesAsync(pages);
        await fake.SendAsync(new ExecutionStateFrame { LastTti = lastTti, State = Array.Empty<byte>(), CapturedAt = DateTimeOffset.UtcNow });
        await Eventually.WithinAsync(fake.ReceiveAsync<ResumeFrame>(r => r.FirstTti == lastTti + 1), () => $"the acknowledgement of checkpoint {lastTti}");
    }

    private static byte[] Filled(byte value) => Enumerable.Repeat(value, PageRegion.PageSize).ToArray();
}
