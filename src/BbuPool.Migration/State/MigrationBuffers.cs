using System.Buffers;

namespace BbuPool.Migration.State;

/// <summary>
/// The pool for the engine's per-migration buffers (frame writers, page batches, cuts, timing
/// rings, post-copy's page tables): arrays up to 4 MiB, rented a few times per migration on
/// whichever thread-pool thread the async code is on; larger ones (a post-copy order table past
/// 1 Mi pages, a 4 GiB image) are allocated and dropped as before. <see cref="ArrayPool{T}.Shared"/> keeps a returned array in the
/// returning thread's local slot first, where the next migration, on another thread, does not look:
/// it allocated 4-10 fresh large arrays per migration of 64 MiB (GC allocation ticks by size), and
/// every collection they caused suspended the TTI threads. A pool without thread-local slots keeps
/// them for every thread.
/// </summary>
public static class MigrationBuffers
{
    // 4 MiB covers a 16-page-per-TTI cut of 1,024 pages; 16 per size: a few migrations at once.
    private const int MaxArrayBytes = 4 << 20;
    private const int ArraysPerSize = 16;

    /// <summary>Byte buffers.</summary>
    public static ArrayPool<byte> Bytes { get; } = ArrayPool<byte>.Create(MaxArrayBytes, ArraysPerSize);

    /// <summary>Int tables (the delta cache's slot tags, the post-copy push order).</summary>
    public static ArrayPool<int> Ints { get; } = ArrayPool<int>.Create(MaxArrayBytes / sizeof(int), ArraysPerSize);

    /// <summary>Flag tables, one per page (the post-copy push order's needed and sent sets).</summary>
    public static ArrayPool<bool> Flags { get; } = ArrayPool<bool>.Create(MaxArrayBytes, ArraysPerSize);

    /// <summary>Timing rings (longs).</summary>
    public static ArrayPool<long> Longs { get; } = ArrayPool<long>.Create(MaxArrayBytes / sizeof(long), ArraysPerSize);

    /// <summary>
    /// Returns <paramref name="array"/> to <paramref name="pool"/> once: the field is swapped for an
    /// empty array first, so a second dispose (or a racing one) returns nothing.
    /// </summary>
    public static void ReturnOnce<T>(ArrayPool<T> pool, ref T[] array)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var rented = Interlocked.Exchange(ref array, []);
        if (rented.Length > 0)
        {
            pool.Return(rented);
        }
    }
}
