using System.Runtime.InteropServices;
using BbuPool.Transport.Interop;

namespace BbuPool.Migration.State;

/// <summary>
/// Zeroed, page-aligned native memory for stack images. On Linux it is an anonymous mapping
/// advised for transparent huge pages: the kernel hands it out zero-filled (no clearing pass), and
/// first touches fault 2 MiB at a time instead of 4 KiB. Measured here: allocating and clearing a
/// 64 MiB image with 4 KiB pages took 192 ms (16,384 first-touch faults, ~12 us each on this VM),
/// which a destination paid while the source was already sending: most of round 1's "slow page
/// path". Elsewhere: aligned allocation plus a clear.
/// </summary>
internal static unsafe partial class NativePages
{
    private const int ProtRead = 0x1;
    private const int ProtWrite = 0x2;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;

    /// <summary>The x86-64 / arm64 (4 KiB granule) transparent huge page: 2 MiB.</summary>
    private const nuint HugePage = 2 * 1024 * 1024;

    /// <summary>
    /// Allocates zeroed memory: a parked image of the same size (<see cref="IdleImages"/>, faulted
    /// in already) or a fresh mapping; with <paramref name="populate"/> a fresh mapping's pages are
    /// faulted in now (MADV_POPULATE_WRITE, Linux 5.14+; ignored where refused), by the calling thread.
    /// </summary>
    public static byte* Allocate(nuint bytes, int alignment, bool populate = false)
    {
        // Parked images are at least page-aligned (every caller asks for a page).
        if (alignment <= PageRegion.PageSize && IdleImages.Shared.TryTake(bytes) is var parked && parked != null)
        {
            return parked;
        }

        if (OperatingSystem.IsLinux())
        {
            // Map 2 MiB more than asked and keep a 2 MiB-aligned window: only aligned 2 MiB
            // ranges can be huge pages (measured: an unaligned first mapping still faulted 4 KiB
            // pages, 150 ms for 64 MiB, against 5 ms aligned).
            nuint mapped = bytes + HugePage;
            void* p = Mmap(null, mapped, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (p != (void*)-1)
            {
                nuint start = (nuint)p;
                nuint aligned = (start + HugePage - 1) & ~(HugePage - 1);
                if (aligned > start)
                {
                    _ = Munmap(p, aligned - start);
                }

                nuint tail = start + mapped - (aligned + bytes);
                if (tail > 0)
                {
                    _ = Munmap((void*)(aligned + bytes), tail);
                }

                // Advice only: without THP the mapping still works with 4 KiB pages.
                _ = MemoryAdvice.HugePages((void*)aligned, bytes);
                if (populate)
                {
                    _ = MemoryAdvice.PopulateWrite((void*)aligned, bytes);
                }

                return (byte*)aligned;
            }
        }

        var block = (byte*)NativeMemory.AlignedAlloc(bytes, (nuint)alignment);
        NativeMemory.Clear(block, bytes);
        return block;
    }

    /// <summary>
    /// Parks <paramref name="block"/>, scrubbed, for the next allocation of its size, or unmaps it
    /// when the pool is full. <paramref name="zeroed"/>: the caller has put every byte back to
    /// zero itself (it knows which it wrote), so the pool skips its scrub.
    /// </summary>
    public static void Free(byte* block, nuint bytes, bool zeroed = false)
    {
        if (!IdleImages.Shared.TryPark(block, bytes, zeroed))
        {
            Release(block, bytes);
        }
    }

    /// <summary>Hands a block from <see cref="Allocate"/> back to the system (no parking).</summary>
    public static void Release(byte* block, nuint bytes)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Munmap(block, bytes);
            return;
        }

        NativeMemory.AlignedFree(block);
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(void* address, nuint length);
}
