using BbuPool.Core.Migration;
using BbuPool.Transport;
using BbuPool.Transport.SharedMemory;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>
/// Migrations over a real shm link: the source builds pages frames in the ring's slots
/// (<see cref="ITransportLink.SendInPlaceAsync"/>) and the receive pumps apply frames in place
/// from them (<see cref="ITransportLink.ReceiveInPlaceAsync"/>).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SharedMemoryMigrationTests
{
    // 1 MiB of 16 KiB slots: 64-page frames, every few padded to the ring's start or copied out
    // at a wrap. 64 KiB of 4 KiB slots: frames bound by the link's limit (15 pages), padding often.
    public static TheoryData<MigrationMethod, int, int> Cases() => new()
    {
        { MigrationMethod.Precopy, 16 * 1024, 64 },
        { MigrationMethod.Postcopy, 16 * 1024, 64 },
        { MigrationMethod.HotStandby, 16 * 1024, 64 },
        { MigrationMethod.Precopy, 4096, 16 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OverShm_DestinationEqualsSourceAtStop_ByteForByte(MigrationMethod method, int slotSize, int slotCount)
    {
        var transport = new SharedMemoryTransport(new TransportOptions { SharedMemory = { SlotSize = slotSize, SlotCount = slotCount } });
        var name = $"mig-inplace-{method}-{slotSize}-{Environment.ProcessId}";
        ITransportLink destinationLink, sourceLink;
        await using (var listener = await transport.ListenAsync(name))
        {
            var connect = transport.ConnectAsync(name);
            destinationLink = await listener.AcceptAsync();
            sourceLink = await connect;
        }

        await using (sourceLink)
        await using (destinationLink)
        {
            await using var rig = new MigrationRig(method, 0.3);
            await rig.StartAsync();
            var outcome = await rig.MigrateAsync(sourceLink, destinationLink);
            await rig.AssertDestinationMatchesSourceAsync(outcome);
            Assert.True(destinationLink.GetStats().FramesReceived > 16);
        }
    }
}
