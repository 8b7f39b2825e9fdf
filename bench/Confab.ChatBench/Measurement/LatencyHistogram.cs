using System.Numerics;

namespace Confab.ChatBench.Measurement;

/// <summary>
/// Counts of non-negative values (microseconds) in log-linear buckets: exact below 128, then 64 buckets per power of two, so a
/// quantile is at most 1/64 (1.6 %) above the true value. Not thread-safe: one per reader, merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;   // 64
    private const int ExactBelow = SubBuckets * 2;        // 128
    private const int Buckets = ExactBelow + ((63 - SubBucketBits - 1) * SubBuckets);

    private readonly long[] _counts = new long[Buckets];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public void Record(long value)
    {
        value = Math.Max(0, value);
        _counts[IndexOf(value)]++;
        Count++;
        Max = Math.Max(Max, value);
        Min = Math.Min(Min, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < Buckets; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
        Max = Math.Max(Max, other.Max);
        Min = Math.Min(Min, other.Min);
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0 &lt; q ≤ 1): the upper bound of the bucket holding the ⌈q·Count⌉-th
    /// smallest value, never above <see cref="Max"/>; -1 when empty.
    /// </summary>
    public long Quantile(double q)
    {
        if (Count == 0)
        {
            return -1;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (int i = 0; i < Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(Max, UpperBoundOf(i));
            }
        }
        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < ExactBelow)
        {
            return (int)value;
        }
        int power = 63 - BitOperations.LeadingZeroCount((ulong)value);   // ≥ 7
        int shift = power - SubBucketBits;
        int sub = (int)(value >> shift) - SubBuckets;                     // 0..63
        return ExactBelow + ((power - SubBucketBits - 1) * SubBuckets) + sub;
    }

    internal static long UpperBoundOf(int index)
    {
        if (index < ExactBelow)
        {
            return index;
        }
        int power = ((index - ExactBelow) / SubBuckets) + SubBucketBits + 1;
        int sub = (index - ExactBelow) % SubBuckets;
        int shift = power - SubBucketBits;
        long lower = (long)(SubBuckets + sub) << shift;
        return lower + (1L << shift) - 1;
    }
}
