using BbuPool.Core.Migration;
using BbuPool.Migration.Protocol;
using BbuPool.Testing.Migration;
using BbuPool.Testing.Transport;
using BbuPool.Wire.Frames;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>
/// The post-copy race the source's drain exists for, made deterministic: the destination sends
/// its verdict and closes its end while the source is in a send, so that send fails and the
/// source learns of the verdict only from the frames left on the link.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class PeerVerdictTests
{
    [Fact]
    public async Task CommitLeftOnAClosedLink_IsTaken_AndTheSourceStops()
    {
        await using var rig = new MigrationRig(MigrationMethod.Postcopy, 0.3);
        var result = await VerdictThenCloseAsync(rig, rig.Options.MigrationId);
        Assert.True(result.Committed, $"{result.AbortReason}: {result.Message}");
        await Eventually.TrueAsync(() => !rig.Source.IsRunning, () => $"the source to stop after the commit ({rig.Describe()})");
    }

    [Fact]
    public async Task CommitForAnotherMigration_LeftOnAClosedLink_IsAProtocolError_NotACommit()
    {
        await using var rig = new MigrationRig(MigrationMethod.Postcopy, 0.3);
        var result = await VerdictThenCloseAsync(rig, "some-other-migration");
        Assert.False(result.Committed);
        Assert.Equal(AbortReason.ProtocolError, result.AbortReason);
        Assert.Contains("another migration", result.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Plays a post-copy destination that answers the hello and then, as the source starts its
    /// third page frame after the hand-over, sends a commit naming <paramref name="migrationId"/>
    /// and closes its end: that send is the one that fails.
    /// </summary>
    private static async Task<MigrationResult> VerdictThenCloseAsync(MigrationRig rig, string migrationId)
    {
        await rig.StartAsync();
        var (sourceEnd, fakeEnd) = InMemoryTransport.CreatePair();
        using var fake = new FakeDestination(fakeEnd);
        using var frames = new FrameWriter();
        ReadOnlyMemory<byte> commit = frames.Write(new CommitFrame { MigrationId = migrationId }).ToArray();
        var link = new FaultInjectingLink(
            sourceEnd,
            (type, before) =>
            {
                if (type == FrameType.Pages && before == 2)
                {
                    // On the source's thread, inside its send: the verdict lands, then the close.
                    Assert.True(fakeEnd.TrySend([commit]));
                    fakeEnd.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                return LinkFault.None;
            },
            sourceEnd.Sever);
        var engine = new MigrationSource(rig.Source, rig.Options);
        var run = Task.Run(() => engine.RunAsync(link));

        await fake.AnswerHelloAsync(rig.Options.MigrationId);
        var result = await Eventually.WithinAsync(run, () => $"the source end ({rig.Describe()})");
        Assert.Equal(1, link.SentOf(FrameType.ExecutionState));
        return result;
    }
}
