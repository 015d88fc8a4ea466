using System.Numerics;
using System.Runtime.CompilerServices;

namespace BbuPool.Transport.Threading;

/// <summary>
/// A set of CPUs as the kernel's affinity calls take it: <see cref="Capacity"/> CPUs, bit N = CPU N.
/// A BBU server commonly has more than 64 logical CPUs (two 64-core sockets with SMT: 256), and
/// sched_getaffinity refuses a set smaller than the kernel's CPU count (EINVAL), so a 64-bit mask
/// cannot even read a thread's affinity there.
/// </summary>
public struct CpuSet : IEquatable<CpuSet>
{
    /// <summary>CPUs a set can name: glibc's CPU_SETSIZE (1024), the size its cpu_set_t has.</summary>
    public const int Capacity = Words.Length * 64;

    private Words _words;

    /// <summary>The set holding only <paramref name="cpu"/>.</summary>
    public static CpuSet Of(int cpu)
    {
        var set = default(CpuSet);
        set.Add(cpu);
        return set;
    }

    /// <summary>The set of CPUs 0-63 given as a mask (bit N = CPU N).</summary>
    public static CpuSet FromMask(ulong mask)
    {
        var set = default(CpuSet);
        set._words[0] = mask;
        return set;
    }

    /// <summary>CPUs 0-63 of the set as a mask (bit N = CPU N).</summary>
    public readonly ulong LowMask => _words[0];

    /// <summary>How many CPUs the set holds.</summary>
    public readonly int Count
    {
        get
        {
            int n = 0;
            foreach (ulong w in _words)
            {
                n += BitOperations.PopCount(w);
            }

            return n;
        }
    }

    /// <summary>The lowest CPU in the set, or -1 when it is empty.</summary>
    public readonly int Lowest
    {
        get
        {
            for (int i = 0; i < Words.Length; i++)
            {
                if (_words[i] != 0)
                {
                    return (i * 64) + BitOperations.TrailingZeroCount(_words[i]);
                }
            }

            return -1;
        }
    }

    /// <summary>The size in bytes the kernel's affinity calls are given.</summary>
    internal const int SizeInBytes = Words.Length * sizeof(ulong);

    /// <summary>Adds <paramref name="cpu"/> (0 to <see cref="Capacity"/> - 1).</summary>
    public void Add(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, Capacity);
        _words[cpu >> 6] |= 1UL << (cpu & 63);
    }

    /// <summary>True when <paramref name="cpu"/> is in the set (false outside 0 to <see cref="Capacity"/> - 1).</summary>
    public readonly bool Contains(int cpu) => cpu is >= 0 and < Capacity && (_words[cpu >> 6] & (1UL << (cpu & 63))) != 0;

    /// <inheritdoc/>
    public readonly bool Equals(CpuSet other) => ((ReadOnlySpan<ulong>)_words).SequenceEqual(other._words);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is CpuSet other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (ulong w in _words)
        {
            hash.Add(w);
        }

        return hash.ToHashCode();
    }

    /// <summary>Same CPUs.</summary>
    public static bool operator ==(CpuSet left, CpuSet right) => left.Equals(right);

    /// <summary>Not the same CPUs.</summary>
    public static bool operator !=(CpuSet left, CpuSet right) => !left.Equals(right);

    /// <summary>The CPU numbers, lowest first (for messages).</summary>
    public override readonly string ToString()
    {
        var cpus = new List<int>();
        for (int cpu = 0; cpu < Capacity; cpu++)
        {
            if (Contains(cpu))
            {
                cpus.Add(cpu);
            }
        }

        return "{" + string.Join(",", cpus) + "}";
    }

    [InlineArray(Length)]
    private struct Words
    {
        public const int Length = 16;

        private ulong _first;
    }
}
