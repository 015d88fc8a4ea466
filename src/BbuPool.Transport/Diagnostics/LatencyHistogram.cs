using System.Numerics;

namespace BbuPool.Transport.Diagnostics;

/// <summary>
/// A fixed-size log-linear histogram of nanosecond values: 8 sub-buckets per power of two, so any
/// percentile is within 12.5 % of the true value, with no allocation per sample. One writer;
/// readers may see a sample half-counted, which is fine for statistics.
/// </summary>
public sealed class LatencyHistogram
{
    // 64 powers of two x 8 sub-buckets covers every non-negative long.
    private const int SubBucketBits = 3;
    private const int SubBuckets = 1 << SubBucketBits;
    private readonly long[] _counts = new long[64 * SubBuckets];
    private long _total;

    /// <summary>The number of recorded samples.</summary>
    public long Count => Volatile.Read(ref _total);

    /// <summary>Records one value in nanoseconds (negative values count as 0).</summary>
    public void Record(long nanoseconds)
    {
        _counts[IndexOf(Math.Max(0, nanoseconds))]++;
        Volatile.Write(ref _total, _total + 1);
    }

    /// <summary>The value at <paramref name="percentile"/> (0-100) in nanoseconds, or 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(total * Math.Clamp(percentile, 0, 100) / 100.0);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return MidpointOf(i);
            }
        }

        return MidpointOf(_counts.Length - 1);
    }

    /// <summary>Forgets every sample.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Volatile.Write(ref _total, 0);
    }

    private static int IndexOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var sub = (int)((value >> (msb - SubBucketBits)) & (SubBuckets - 1));
        return ((msb - SubBucketBits + 1) * SubBuckets) + sub;
    }

    private static long MidpointOf(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var msb = (index / SubBuckets) + SubBucketBits - 1;
        var sub = index % SubBuckets;
        var low = (1L << msb) + ((long)sub << (msb - SubBucketBits));
        var width = 1L << (msb - SubBucketBits);
        return low + (width / 2);
    }
}
