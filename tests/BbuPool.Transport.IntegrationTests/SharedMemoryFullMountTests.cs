using BbuPool.Transport.IntegrationTests.Infrastructure;
using BbuPool.Transport.SharedMemory;

namespace BbuPool.Transport.IntegrationTests;

public sealed class SharedMemoryFullMountTests
{
    [TmpfsFact]
    public async Task ALinkThatDoesNotFitTheMount_IsRefusedWithTheReason_AndLeavesNothingBehind()
    {
        // 1 MiB of tmpfs against a link of two 64 KiB x 8 rings and a header (~1.05 MiB): before the
        // space was reserved, the file was sparse and the first touch past the mount's room was a
        // SIGBUS that killed the process.
        using var mount = TinyTmpfs.TryMount(1024, out var reason) ?? throw new InvalidOperationException(reason);
        var transport = new SharedMemoryTransport(new TransportOptions { SharedMemory = new SharedMemoryOptions { Directory = mount.Directory, SlotSize = 64 * 1024, SlotCount = 8 } });

        var e = await Assert.ThrowsAsync<TransportException>(async () => await transport.ListenAsync("too-big"));
        Assert.Contains("no space left on the mount", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount.Directory));

        // A link that fits the same mount still works.
        var small = new SharedMemoryTransport(new TransportOptions { SharedMemory = new SharedMemoryOptions { Directory = mount.Directory, SlotSize = 4096, SlotCount = 8 } });
        await using var listener = await small.ListenAsync("fits");
        var accept = listener.AcceptAsync().AsTask();
        await using var connector = await small.ConnectAsync("fits");
        await using var accepted = await accept;
        Assert.True(connector.TrySend([new byte[] { 1, 2, 3 }]));
        var frame = await accepted.ReceiveAsync();
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Span.ToArray());
        frame.Dispose();
    }
}
