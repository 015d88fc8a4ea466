using System.Numerics;

namespace BbuPool.Core.Pool;

/// <summary>
/// Free/used bitmap of one node's cores, split into NUMA domains. A stack's cores are always taken
/// from one domain (remote memory access would cost it its deadline).
/// </summary>
public sealed class CoreSet
{
    private readonly ulong[] _free;
    private readonly int _coresPerNuma;
    private readonly int _numaNodes;

    /// <summary>Creates the set with every core free except the first <paramref name="reserved"/> (the OS's).</summary>
    public CoreSet(int cores, int numaNodes, int reserved)
    {
        if (cores <= 0 || numaNodes <= 0 || cores % numaNodes != 0 || reserved < 0 || reserved >= cores)
        {
            throw new ArgumentException($"invalid core layout: {cores} cores, {numaNodes} NUMA nodes, {reserved} reserved");
        }

        _free = new ulong[(cores + 63) / 64];
        _coresPerNuma = cores / numaNodes;
        _numaNodes = numaNodes;
        for (var c = reserved; c < cores; c++)
        {
            _free[c >> 6] |= 1UL << (c & 63);
        }

        FreeCount = cores - reserved;
    }

    /// <summary>Cores not given to any stack.</summary>
    public int FreeCount { get; private set; }

    /// <summary>True when core <paramref name="core"/> is free.</summary>
    public bool IsFree(int core) => (_free[core >> 6] & (1UL << (core & 63))) != 0;

    /// <summary>Free cores in NUMA domain <paramref name="numa"/>.</summary>
    public int FreeInNuma(int numa)
    {
        // Popcount over the domain's bit range: the index and the binder ask this for every
        // candidate and every bind, so a bit-by-bit loop (48 tests per 48-core node) showed.
        var start = numa * _coresPerNuma;
        var end = start + _coresPerNuma;
        var count = 0;
        for (var c = start; c < end;)
        {
            var word = c >> 6;
            var bit = c & 63;
            var span = Math.Min(64 - bit, end - c);
            var mask = span == 64 ? ulong.MaxValue : ((1UL << span) - 1) << bit;
            count += BitOperations.PopCount(_free[word] & mask);
            c += span;
        }

        return count;
    }

    /// <summary>The largest number of cores one stack could get here (best NUMA domain).</summary>
    public int LargestFreeNuma()
    {
        var best = 0;
        for (var d = 0; d < _numaNodes; d++)
        {
            best = Math.Max(best, FreeInNuma(d));
        }

        return best;
    }

    /// <summary>NUMA domain of <paramref name="core"/>.</summary>
    public int NumaOf(int core) => core / _coresPerNuma;

    /// <summary>
    /// Takes <paramref name="count"/> cores from the best-fitting NUMA domain (fewest free cores that
    /// still fit, to keep large holes for large stacks). Returns null when no domain fits.
    /// </summary>
    public int[]? TryTake(int count)
    {
        var result = new int[Math.Max(0, count)];
        return TryTake(count, result) ? result : null;
    }

    /// <summary>
    /// Takes <paramref name="count"/> cores from the best-fitting NUMA domain into the first
    /// <paramref name="count"/> slots of <paramref name="into"/> (allocation-free); false, changing
    /// nothing, when no domain fits.
    /// </summary>
    public bool TryTake(int count, Span<int> into)
    {
        var bestDomain = -1;
        var bestFree = int.MaxValue;
        for (var d = 0; d < _numaNodes; d++)
        {
            var free = FreeInNuma(d);
            if (free >= count && free < bestFree)
            {
                bestDomain = d;
                bestFree = free;
            }
        }

        if (bestDomain < 0 || count > into.Length)
        {
            return false;
        }

        TakeIn(bestDomain, count, into);
        return true;
    }

    /// <summary>Takes <paramref name="count"/> more cores in domain <paramref name="numa"/>, or null.</summary>
    public int[]? TryTakeIn(int numa, int count)
    {
        var result = new int[Math.Max(0, count)];
        return TryTakeIn(numa, count, result) ? result : null;
    }

    /// <summary>Takes <paramref name="count"/> more cores in domain <paramref name="numa"/> into <paramref name="into"/>; false, changing nothing, when the domain lacks them.</summary>
    public bool TryTakeIn(int numa, int count, Span<int> into)
    {
        if (FreeInNuma(numa) < count || count > into.Length)
        {
            return false;
        }

        TakeIn(numa, count, into);
        return true;
    }

    /// <summary>Returns cores to the free set.</summary>
    public void Release(ReadOnlySpan<int> cores)
    {
        foreach (var c in cores)
        {
            var mask = 1UL << (c & 63);
            if ((_free[c >> 6] & mask) != 0)
            {
                throw new InvalidOperationException($"core {c} released twice");
            }

            _free[c >> 6] |= mask;
            FreeCount++;
        }
    }

    /// <summary>Count of free cores by popcount, for invariant checks.</summary>
    public int CountFreeBits()
    {
        var n = 0;
        foreach (var w in _free)
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }

    private void TakeIn(int numa, int count, Span<int> into)
    {
        var taken = 0;
        var start = numa * _coresPerNuma;
        var end = start + _coresPerNuma;
        for (var c = start; c < end && taken < count;)
        {
            var word = c >> 6;
            var bits = _free[word] & (ulong.MaxValue << (c & 63));
            if (bits == 0)
            {
                c = (word + 1) << 6;
                continue;
            }

            var core = (word << 6) + BitOperations.TrailingZeroCount(bits);
            if (core >= end)
            {
                break;
            }

            _free[word] &= ~(1UL << (core & 63));
            into[taken++] = core;
            c = core + 1;
        }

        FreeCount -= count;
    }
}
