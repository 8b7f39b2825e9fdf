using System.Numerics;

namespace Confab.Rtc.Metrics;

/// <summary>
/// A fixed-size histogram of non-negative microsecond values with about 3% relative precision: values below
/// 64 have a bucket each; above, each power of two is split into 32 buckets. 2,048 counters cover every
/// long value, so one histogram per receiver costs 16 KiB and never allocates while recording.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = 2 * SubBuckets;
    private const int BucketCount = 64 * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Max { get; private set; }

    /// <summary>Records one value; negative values (clock steps) count as 0.</summary>
    public void Record(long microseconds)
    {
        long value = Math.Max(0, microseconds);
        _counts[IndexOf(value)]++;
        Count++;
        Max = Math.Max(Max, value);
    }

    /// <summary>Forgets every value.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        Max = 0;
    }

    /// <summary>Adds another histogram's counts to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// How many recorded values are at most <paramref name="bound"/>, to the bucket: the counts of the buckets whose
    /// upper edge is at most the bound (an exporter's cumulative bucket). Safe to call while one thread records (the
    /// counts read may be a moment old).
    /// </summary>
    public long CountAtOrBelow(long bound)
    {
        if (bound < 0)
        {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < BucketCount && UpperEdge(i) <= bound; i++)
        {
            total += Volatile.Read(ref _counts[i]);
        }
        return total;
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1): the upper edge of the bucket holding it, capped at the maximum; 0 when empty.</summary>
    public long Quantile(double q)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(q, 0, 1) * Count));
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        int exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        int subBucket = (int)(value >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ((exponent - SubBucketBits + 1) * SubBuckets) + subBucket;
    }

    internal static long UpperEdge(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        int exponent = (index / SubBuckets) + SubBucketBits - 1;
        long subBucket = index % SubBuckets;
        long width = 1L << (exponent - SubBucketBits);
        return (1L << exponent) + ((subBucket + 1) * width) - 1;
    }
}
