using System.Numerics;

namespace BbuPool.Migration.State;

/// <summary>
/// Pages nobody has been handed since the region was allocated: their bytes are still the zeros
/// the allocation gave, so a zero page arriving for one needs no clearing.
/// </summary>
/// <remarks>
/// Half the pages of the reference stack's image are zero, and a destination image starts zeroed
/// (a fresh mapping or a scrubbed parked one): clearing each again on arrival wrote 128 MiB of a
/// 256 MiB migration's 268 MiB on the destination, for nothing. Every writable view of the
/// region (<see cref="Raw"/>, <see cref="Page"/>, and through them every write) ends a page's
/// pristine state first, so a page is pristine only while its bytes cannot have changed.
/// </remarks>
public sealed partial class PageRegion
{
    private readonly ulong[] _pristine;

    /// <summary>True while the page holds the zeros of the allocation: no view of it was handed out since.</summary>
    public bool IsPristine(int page) => (Volatile.Read(ref _pristine[page >> 6]) & (1UL << (page & 63))) != 0;

    /// <summary>
    /// Pages some view has been handed since the allocation: what a migration has to carry (the
    /// rest are zeros, elided on the wire with zero-page elision) and what a checkpoint copies. A
    /// snapshot while writers run.
    /// </summary>
    public int TouchedPageCount
    {
        get
        {
            int pristine = 0;
            for (int w = 0; w < _pristine.Length; w++)
            {
                pristine += BitOperations.PopCount(Volatile.Read(ref _pristine[w]));
            }

            return PageCount - pristine;
        }
    }

    private void SetAllPristine()
    {
        for (int w = 0; w < _pristine.Length; w++)
        {
            _pristine[w] = WordMask(w);
        }
    }

    /// <summary>Ends the pristine state of the pages under [offset, offset + length).</summary>
    private void Touch(long offset, long length)
    {
        if (!PagesUnder(offset, length, out int first, out int last))
        {
            return;
        }

        for (int p = first; p <= last; p++)
        {
            Touch(p);
        }
    }

    private void Touch(int page)
    {
        ulong bit = 1UL << (page & 63);
        ref ulong word = ref _pristine[page >> 6];
        // Read first: after a page's first touch this is one load, no locked instruction.
        if ((Volatile.Read(ref word) & bit) != 0)
        {
            Interlocked.And(ref word, ~bit);
        }
    }
}
