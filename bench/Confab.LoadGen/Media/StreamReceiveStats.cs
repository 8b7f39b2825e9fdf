using Confab.Rtc.Metrics;

namespace Confab.LoadGen.Media;

/// <summary>
/// What one receiver saw of one stream, from the probe trailers (<see cref="ProbeTrailer"/>):
/// <list type="bullet">
/// <item>loss: counters from the first seen to the highest seen that never arrived (late arrivals are not loss);</item>
/// <item>reordering: packets whose counter is below the highest already seen;</item>
/// <item>duplicates: a counter seen twice (within the last <see cref="DuplicateWindow"/> counters);</item>
/// <item>one-way delay: arrival minus send time, into the receiver's <see cref="LatencyHistogram"/>;</item>
/// <item>jitter: RFC 3550 §6.4.1's interarrival jitter, J += (|D| - J) / 16, with D computed from the
/// trailer's send times in microseconds rather than RTP timestamps (video packets of one frame share a
/// timestamp but not a send time).</item>
/// </list>
/// No allocation per packet.
/// </summary>
public sealed class StreamReceiveStats
{
    public const int DuplicateWindow = 4096;

    private const double JitterGain = 1.0 / 16;

    private readonly long[] _seen = new long[DuplicateWindow];
    private readonly LatencyHistogram _delays;
    private bool _started;
    private ulong _firstCounter;
    private ulong _highestCounter;
    private long _lastTransit;

    public StreamReceiveStats(LatencyHistogram delays)
    {
        ArgumentNullException.ThrowIfNull(delays);
        _delays = delays;
        Array.Fill(_seen, -1);
    }

    /// <summary>Distinct packets received.</summary>
    public long Received { get; private set; }

    public long Reordered { get; private set; }

    public long Duplicates { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Packets the sender numbered between the first and the highest received.</summary>
    public long Expected => _started ? (long)(_highestCounter - _firstCounter) + 1 : 0;

    public long Lost => Math.Max(0, Expected - Received);

    public double LossFraction => Expected == 0 ? 0 : (double)Lost / Expected;

    /// <summary>Interarrival jitter in microseconds.</summary>
    public double JitterMicroseconds { get; private set; }

    /// <summary>Records one packet with its trailer's counter and send time, arriving at <paramref name="arrivalMicroseconds"/>.</summary>
    public void Record(ulong counter, long sendMicroseconds, long arrivalMicroseconds, int bytes)
    {
        int slot = (int)(counter % DuplicateWindow);
        if (_started && _seen[slot] == (long)counter)
        {
            Duplicates++;
            return;
        }

        _seen[slot] = (long)counter;
        Bytes += bytes;
        long transit = arrivalMicroseconds - sendMicroseconds;
        _delays.Record(transit);
        if (!_started)
        {
            _started = true;
            _firstCounter = counter;
            _highestCounter = counter;
            _lastTransit = transit;
            Received = 1;
            return;
        }

        Received++;
        if (counter < _firstCounter)
        {
            // Arrived before its predecessors were ever seen: it widens the expected range backwards.
            Reordered++;
            _firstCounter = counter;
        }
        else if (counter < _highestCounter)
        {
            Reordered++;
        }
        else
        {
            _highestCounter = counter;
        }

        long d = Math.Abs(transit - _lastTransit);
        _lastTransit = transit;
        JitterMicroseconds += (d - JitterMicroseconds) * JitterGain;
    }
}
