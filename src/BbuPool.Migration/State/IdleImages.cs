namespace BbuPool.Migration.State;

/// <summary>
/// Stack images freed by this process, scrubbed and kept mapped for the next image of the same
/// size, as a BBU server keeps its stack memory reserved rather than handing it back to the
/// kernel between stacks. A migration destination allocates its image when the source's begin
/// frame arrives, while the source is already sending: a fresh 256 MiB mapping took 15-40 ms of
/// kernel page clearing there, and 230-580 ms in three of ten migrations when the kernel had to
/// compact memory for huge pages, all of it on the migration's critical path. A parked image is
/// taken in microseconds; the scrub (a clear, ~13 ms for 256 MiB) is paid by whoever frees the
/// old image, after its migration committed. Scrubbing on the way in also means no stack's state
/// outlives it in the pool.
/// </summary>
internal sealed unsafe class IdleImages
{
    /// <summary>
    /// Idle bytes the process keeps at most: 1 GiB, four of the largest images `bench migration`
    /// uses by default (256 MiB); parking past it unmaps the oldest parked images first.
    /// </summary>
    public const long DefaultMaxIdleBytes = 1L << 30;

    private readonly Lock _gate = new();
    private readonly List<(nint Block, nuint Bytes)> _parked = [];
    private readonly delegate*<byte*, nuint, void> _release;
    private long _idleBytes;

    /// <summary>A pool of at most <paramref name="maxIdleBytes"/> that hands images it evicts to <paramref name="release"/>.</summary>
    public IdleImages(long maxIdleBytes, delegate*<byte*, nuint, void> release)
    {
        MaxIdleBytes = maxIdleBytes;
        _release = release;
    }

    /// <summary>The process's pool, behind <see cref="NativePages"/>.</summary>
    public static IdleImages Shared { get; } = new(DefaultMaxIdleBytes, &NativePages.Release);

    /// <summary>Idle bytes kept at most.</summary>
    public long MaxIdleBytes { get; }

    /// <summary>Bytes parked now.</summary>
    public long IdleBytes
    {
        get
        {
            lock (_gate)
            {
                return _idleBytes;
            }
        }
    }

    /// <summary>Takes a parked, zeroed image of exactly <paramref name="bytes"/>; null when none.</summary>
    public byte* TryTake(nuint bytes)
    {
        lock (_gate)
        {
            for (int i = _parked.Count - 1; i >= 0; i--)
            {
                if (_parked[i].Bytes == bytes)
                {
                    var block = _parked[i].Block;
                    _parked.RemoveAt(i);
                    _idleBytes -= (long)bytes;
                    return (byte*)block;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Scrubs <paramref name="block"/> and parks it, unmapping the least recently parked images
    /// when it would not fit otherwise: the newest free is the likeliest to be asked for next (the
    /// same stack migrating on), while an image of a size no stack runs any more would otherwise
    /// hold its room for the life of the process and leave every later image unparked. False when
    /// the image is larger than the pool, or images still being scrubbed hold the room.
    /// <paramref name="zeroed"/>: every byte is zero already (the caller cleared what it wrote),
    /// so the scrub is skipped; the pages not yet faulted in are faulted in instead.
    /// </summary>
    public bool TryPark(byte* block, nuint bytes, bool zeroed = false)
    {
        if ((long)bytes > MaxIdleBytes)
        {
            return false;
        }

        List<(nint Block, nuint Bytes)>? evicted = null;
        bool fits;
        lock (_gate)
        {
            while (_idleBytes + (long)bytes > MaxIdleBytes && _parked.Count > 0)
            {
                var oldest = _parked[0];
                _parked.RemoveAt(0);
                _idleBytes -= (long)oldest.Bytes;
                (evicted ??= []).Add(oldest);
            }

            // Counted before the scrub, outside the lock, so two frees cannot both pass the cap.
            fits = _idleBytes + (long)bytes <= MaxIdleBytes;
            if (fits)
            {
                _idleBytes += (long)bytes;
            }
        }

        foreach (var (old, size) in evicted ?? [])
        {
            _release((byte*)old, size);
        }

        if (!fits)
        {
            return false;
        }

        if (zeroed)
        {
            // Zero, but perhaps not all faulted in (a delta cache touches only the slots it used),
            // while a parked image is handed out as faulted in (NativePages.Allocate skips the
            // populate for it, and a fresh stack image's first TTIs would take the faults). A
            // range already present costs a page-table walk: 19-20 us for 64 MiB of huge pages
            // (C probe, MADV_POPULATE_WRITE twice), against 2.2-4.5 ms for a memset of it.
            _ = BbuPool.Transport.Interop.MemoryAdvice.PopulateWrite(block, bytes);
        }
        else
        {
            System.Runtime.InteropServices.NativeMemory.Clear(block, bytes);
        }

        lock (_gate)
        {
            _parked.Add(((nint)block, bytes));
        }

        return true;
    }
}
