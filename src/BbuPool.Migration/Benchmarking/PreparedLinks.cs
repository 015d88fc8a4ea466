using BbuPool.Transport;

namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The link pairs of one cell, opened before its stack starts, one per migration it plans (the
/// discarded first one included), as a pool's links between servers are up before a migration is
/// scheduled. Opening a shm pair clears 32 MiB of fresh pages in the kernel; opened between
/// migrations, that work held the running stack's CPU (one traced case: 6.8 ms in shmem_fault, a
/// TTI thread waiting behind it) and cost the stack misses no migration caused
/// (docs/migration-benchmarks.md, "Who held the CPU"). A pair is used by one migration only. When a pair
/// cannot be opened ahead, the preparing stops there and the rest are opened when taken.
/// </summary>
internal sealed class PreparedLinks : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<(ITransportLink Source, ITransportLink Destination)>> _open;
    private readonly Queue<(ITransportLink Source, ITransportLink Destination)> _ready = new();

    private PreparedLinks(Func<CancellationToken, Task<(ITransportLink Source, ITransportLink Destination)>> open) => _open = open;

    /// <summary>Pairs opened ahead and not yet taken.</summary>
    public int Ready => _ready.Count;

    /// <summary>Why fewer pairs than asked were opened ahead (null: all were, or none was asked).</summary>
    public string? PrepareFailure { get; private set; }

    /// <summary>Pairs opened when taken, beside the running stack, because none was ready.</summary>
    public int OpenedOnDemand { get; private set; }

    /// <summary>
    /// Opens up to <paramref name="count"/> pairs now (0: every pair is opened when taken). A pair
    /// that fails to open ends the preparing, not the cell: the rest are opened when taken, where
    /// a failure is that migration's, recorded with its reason as before. Cancelled, it closes
    /// what it opened.
    /// </summary>
    public static async Task<PreparedLinks> OpenAsync(Func<CancellationToken, Task<(ITransportLink Source, ITransportLink Destination)>> open, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(open);
        var links = new PreparedLinks(open);
        try
        {
            for (int i = 0; i < count; i++)
            {
                links._ready.Enqueue(await open(ct));
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            links.PrepareFailure = ex.GetType().Name + ": " + ex.Message;
        }
        catch
        {
            await links.DisposeAsync();
            throw;
        }

        return links;
    }

    /// <summary>A pair of its own for the next migration: a prepared one, else one opened now.</summary>
    public Task<(ITransportLink Source, ITransportLink Destination)> TakeAsync(CancellationToken ct)
    {
        if (_ready.TryDequeue(out var pair))
        {
            return Task.FromResult(pair);
        }

        OpenedOnDemand++;
        return _open(ct);
    }

    /// <summary>Closes the pairs no migration took.</summary>
    public async ValueTask DisposeAsync()
    {
        while (_ready.TryDequeue(out var pair))
        {
            await pair.Source.DisposeAsync();
            await pair.Destination.DisposeAsync();
        }
    }
}
