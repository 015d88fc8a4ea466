namespace BbuPool.Migration.State;

/// <summary>
/// Returned items kept under a lock, up to a limit, for the next taker: what the engine's
/// cross-migration pools (<see cref="PageListPool"/>, <see cref="PageBufferPool"/>) share.
/// Past the limit a returned item is left to the GC, so one unusually large migration does not
/// keep its memory for good.
/// </summary>
internal sealed class KeptItems<T>
    where T : class
{
    private readonly Stack<T> _free = new();
    private readonly Lock _gate = new();
    private readonly int _kept;

    /// <summary>Keeps up to <paramref name="kept"/> items.</summary>
    public KeptItems(int kept)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kept);
        _kept = kept;
    }

    /// <summary>Items kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>The item kept last, or null when none is.</summary>
    public T? TryTake()
    {
        lock (_gate)
        {
            return _free.TryPop(out var item) ? item : null;
        }
    }

    /// <summary>Keeps <paramref name="item"/> unless the limit is reached.</summary>
    public void Keep(T item)
    {
        lock (_gate)
        {
            if (_free.Count < _kept)
            {
                _free.Push(item);
            }
        }
    }
}
