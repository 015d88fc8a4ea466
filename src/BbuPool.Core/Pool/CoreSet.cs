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
        var count = 0;
        var start = numa * _coresPerNuma;
        for (var c = start; c < start + _coresPerNuma; c++)
        {
            if (IsFree(c))
            {
                count++;
            }
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

        return bestDomain < 0 ? null : TakeIn(bestDomain, count);
    }

    /// <summary>Takes <paramref name="count"/> more cores in domain <paramref name="numa"/>, or null.</summary>
    public int[]? TryTakeIn(int numa, int count) => FreeInNuma(numa) >= count ? TakeIn(numa, count) : null;

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

    private int[] TakeIn(int numa, int count)
    {
        var result = new int[count];
        var taken = 0;
        var start = numa * _coresPerNuma;
        for (var c = start; c < start + _coresPerNuma && taken < count; c++)
        {
            if (IsFree(c))
            {
                _free[c >> 6] &= ~(1UL << (c & 63));
                result[taken++] = c;
            }
        }

        FreeCount -= count;
        return result;
    }
}
