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
internal static unsafe class IdleImages
{
    /// <summary>
    /// Idle bytes kept at most: 1 GiB, four of the largest images `bench migration` uses by
    /// default (256 MiB); an image that would exceed it is unmapped instead.
    /// </summary>
    public const long MaxIdleBytes = 1L << 30;

    private static readonly Lock Gate = new();
    private static readonly List<(nint Block, nuint Bytes)> Parked = [];
    private static long _idleBytes;

    /// <summary>Bytes parked now.</summary>
    public static long IdleBytes
    {
        get
        {
            lock (Gate)
            {
                return _idleBytes;
            }
        }
    }

    /// <summary>Takes a parked, zeroed image of exactly <paramref name="bytes"/>; null when none.</summary>
    public static byte* TryTake(nuint bytes)
    {
        lock (Gate)
        {
            for (int i = Parked.Count - 1; i >= 0; i--)
            {
                if (Parked[i].Bytes == bytes)
                {
                    var block = Parked[i].Block;
                    Parked.RemoveAt(i);
                    _idleBytes -= (long)bytes;
                    return (byte*)block;
                }
            }
        }

        return null;
    }

    /// <summary>Scrubs and parks <paramref name="block"/>; false (nothing done) when the pool is full.</summary>
    public static bool TryPark(byte* block, nuint bytes)
    {
        lock (Gate)
        {
            if (_idleBytes + (long)bytes > MaxIdleBytes)
            {
                return false;
            }

            // Counted before the scrub, outside the lock, so two frees cannot both pass the cap.
            _idleBytes += (long)bytes;
        }

        System.Runtime.InteropServices.NativeMemory.Clear(block, bytes);
        lock (Gate)
        {
            Parked.Add(((nint)block, bytes));
        }

        return true;
    }
}
