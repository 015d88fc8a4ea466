using BbuPool.Core.Migration;
using BbuPool.Transport;
using BbuPool.Transport.SharedMemory;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>
/// Migrations over a real shm link, whose receive pumps apply frames in place from the ring's
/// slots (<see cref="ITransportLink.ReceiveInPlaceAsync"/>): a 1 MiB ring of 16 KiB slots makes
/// every few 256 KiB pages frames wrap (and be copied), the rest are lent.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SharedMemoryMigrationTests
{
    public static TheoryData<MigrationMethod> Methods() => new()
    {
        MigrationMethod.Precopy,
        MigrationMethod.Postcopy,
        MigrationMethod.HotStandby,
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task OverShm_DestinationEqualsSourceAtStop_ByteForByte(MigrationMethod method)
    {
        var transport = new SharedMemoryTransport(new TransportOptions { SharedMemory = { SlotSize = 16 * 1024, SlotCount = 64 } });
        var name = $"mig-inplace-{method}-{Environment.ProcessId}";
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
