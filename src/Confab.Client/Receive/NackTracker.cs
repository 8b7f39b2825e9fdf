namespace Confab.Client.Receive;

/// <summary>
/// The sequence numbers a receiver is missing, for Generic NACK (RFC 4585 §6.2.1): a gap in the extended
/// sequence numbers adds its members; a late or retransmitted arrival removes one. Each missing packet is
/// asked for at most <see cref="MaxRequests"/> times, <see cref="RetryIntervalMs"/> apart, and forgotten after
/// <see cref="GiveUpAfterMs"/>. Fixed capacity; nothing is allocated after construction.
/// </summary>
internal sealed class NackTracker
{
    public const int Capacity = 256;
    public const int MaxRequests = 3;
    public const long RetryIntervalMs = 100;
    public const long GiveUpAfterMs = 1000;

    /// <summary>A gap larger than this is not asked for (a restart or a long outage, not loss to repair).</summary>
    public const int MaxGap = 128;

    private readonly long[] _sequence = new long[Capacity];
    private readonly long[] _firstMissingMs = new long[Capacity];
    private readonly long[] _lastRequestMs = new long[Capacity];
    private readonly int[] _requests = new int[Capacity];
    private int _count;

    public int Count => _count;

    /// <summary>Records the gap between the previous highest and a new highest extended sequence number.</summary>
    public void OnGap(long previousHighest, long newHighest, long nowMs)
    {
        long gap = newHighest - previousHighest - 1;
        if (gap <= 0 || gap > MaxGap)
        {
            return;
        }
        for (long s = previousHighest + 1; s < newHighest; s++)
        {
            if (_count == Capacity)
            {
                RemoveAt(0); // the oldest gives way
            }
            _sequence[_count] = s;
            _firstMissingMs[_count] = nowMs;
            _lastRequestMs[_count] = long.MinValue;
            _requests[_count] = 0;
            _count++;
        }
    }

    /// <summary>A missing packet arrived (late or retransmitted); true when it was missing.</summary>
    public bool OnArrival(long extendedSequence)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_sequence[i] == extendedSequence)
            {
                RemoveAt(i);
                return true;
            }
        }
        return false;
    }

    /// <summary>Writes the 16-bit sequence numbers to ask for now into <paramref name="destination"/>; returns how many.</summary>
    public int Collect(Span<ushort> destination, long nowMs)
    {
        int written = 0;
        for (int i = 0; i < _count;)
        {
            if (_requests[i] >= MaxRequests || nowMs - _firstMissingMs[i] > GiveUpAfterMs)
            {
                RemoveAt(i);
                continue;
            }
            if (written < destination.Length && (_lastRequestMs[i] == long.MinValue || nowMs - _lastRequestMs[i] >= RetryIntervalMs))
            {
                destination[written++] = unchecked((ushort)_sequence[i]);
                _lastRequestMs[i] = nowMs;
                _requests[i]++;
            }
            i++;
        }
        return written;
    }

    private void RemoveAt(int index)
    {
        int tail = _count - index - 1;
        if (tail > 0)
        {
            Array.Copy(_sequence, index + 1, _sequence, index, tail);
            Array.Copy(_firstMissingMs, index + 1, _firstMissingMs, index, tail);
            Array.Copy(_lastRequestMs, index + 1, _lastRequestMs, index, tail);
            Array.Copy(_requests, index + 1, _requests, index, tail);
        }
        _count--;
    }
}
