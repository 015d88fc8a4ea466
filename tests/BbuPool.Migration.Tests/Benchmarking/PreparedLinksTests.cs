using BbuPool.Migration.Benchmarking;
using BbuPool.Testing.Transport;
using BbuPool.Transport;

namespace BbuPool.Migration.Tests.Benchmarking;

public sealed class PreparedLinksTests
{
    [Fact]
    public async Task OpensTheCountAhead_HandsThemOutInOrder_ThenOpensOnDemand_AndClosesWhatNoneTook()
    {
        var opened = new List<(ITransportLink Source, ITransportLink Destination)>();
        Task<(ITransportLink Source, ITransportLink Destination)> Open(CancellationToken ct)
        {
            var (a, b) = InMemoryTransport.CreatePair(capacity: 4);
            opened.Add((a, b));
            return Task.FromResult<(ITransportLink, ITransportLink)>((a, b));
        }

        var links = await PreparedLinks.OpenAsync(Open, 3, CancellationToken.None);
        Assert.Equal(3, opened.Count);
        Assert.Equal(3, links.Ready);

        Assert.Same(opened[0].Source, (await links.TakeAsync(CancellationToken.None)).Source);
        Assert.Same(opened[1].Source, (await links.TakeAsync(CancellationToken.None)).Source);
        Assert.Equal(3, opened.Count);
        Assert.Equal(0, links.OpenedOnDemand);
        Assert.Null(links.PrepareFailure);

        await links.DisposeAsync();
        Assert.Equal(0, links.Ready);
        // The untaken third pair is closed; the taken ones are their migrations' to close.
        await Assert.ThrowsAsync<TransportClosedException>(async () => await opened[2].Destination.ReceiveAsync());
        Assert.True(opened[0].Source.TrySend([new byte[8]]), "a taken pair stays open");

        var onDemand = await PreparedLinks.OpenAsync(Open, 0, CancellationToken.None);
        Assert.Equal(3, opened.Count);
        var taken = await onDemand.TakeAsync(CancellationToken.None);
        Assert.Equal(4, opened.Count);
        Assert.Same(opened[3].Source, taken.Source);
        Assert.Equal(1, onDemand.OpenedOnDemand);
    }

    [Fact]
    public async Task AFailedOpen_EndsThePreparing_AndLeavesTheRestToBeOpenedWhenTaken()
    {
        int calls = 0;
        Task<(ITransportLink Source, ITransportLink Destination)> Open(CancellationToken ct)
        {
            if (++calls == 3)
            {
                // Not only transport errors: whatever a pair fails with ends the preparing alone.
                throw new UnauthorizedAccessException("no room for a third pair");
            }

            var (a, b) = InMemoryTransport.CreatePair(capacity: 4);
            return Task.FromResult<(ITransportLink, ITransportLink)>((a, b));
        }

        await using var links = await PreparedLinks.OpenAsync(Open, 5, CancellationToken.None);
        Assert.Equal(2, links.Ready);
        Assert.Equal("UnauthorizedAccessException: no room for a third pair", links.PrepareFailure);
        await links.TakeAsync(CancellationToken.None);
        await links.TakeAsync(CancellationToken.None);
        Assert.Equal(3, calls);
        Assert.Equal(0, links.OpenedOnDemand);
        await links.TakeAsync(CancellationToken.None);
        Assert.Equal(4, calls);
        Assert.Equal(1, links.OpenedOnDemand);
    }

    [Fact]
    public async Task Cancelled_ClosesThePairsAlreadyOpened()
    {
        using var cts = new CancellationTokenSource();
        var opened = new List<ITransportLink>();
        Task<(ITransportLink Source, ITransportLink Destination)> Open(CancellationToken ct)
        {
            if (opened.Count == 4)
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            var (a, b) = InMemoryTransport.CreatePair(capacity: 4);
            opened.Add(a);
            opened.Add(b);
            return Task.FromResult<(ITransportLink, ITransportLink)>((a, b));
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PreparedLinks.OpenAsync(Open, 3, cts.Token));
        Assert.Equal(4, opened.Count);
        foreach (var link in opened)
        {
            await Assert.ThrowsAsync<TransportClosedException>(async () => await link.ReceiveAsync());
        }
    }
}
