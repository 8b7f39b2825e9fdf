namespace Confab.Client.Receive;

/// <summary>The last N one-way delays in a ring, and their percentiles on demand.</summary>
internal sealed class DelayWindow
{
    private readonly long[] _samples;
    private int _next;
    private int _count;

    public DelayWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _samples = new long[capacity];
    }

    public long Total { get; private set; }

    public void Add(long delayMicros)
    {
        _samples[_next] = delayMicros;
        _next = (_next + 1) % _samples.Length;
        _count = Math.Min(_count + 1, _samples.Length);
        Total++;
    }

    /// <summary>Nearest-rank percentile (0 &lt; p ≤ 100) of the window; 0 when empty. Allocates a sorted copy.</summary>
    public long Percentile(double p)
    {
        long[] sorted = CopySamples();
        Array.Sort(sorted);
        return Percentile(sorted, p);
    }

    /// <summary>The samples in the window, unsorted (a cheap copy to take under the owner's lock and sort after it).</summary>
    public long[] CopySamples() => _samples.AsSpan(0, _count).ToArray();

    /// <summary>Nearest-rank percentile (0 &lt; p ≤ 100) of already sorted samples; 0 when there are none.</summary>
    public static long Percentile(long[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return 0;
        }
        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
