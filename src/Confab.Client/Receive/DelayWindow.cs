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
        if (_count == 0)
        {
            return 0;
        }
        long[] sorted = _samples.AsSpan(0, _count).ToArray();
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(p / 100 * _count);
        return sorted[Math.Clamp(rank - 1, 0, _count - 1)];
    }
}
