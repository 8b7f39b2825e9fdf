using Confab.Client.Media;
using Confab.Rtc.Codecs;
using Confab.Rtc.Rtcp;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Receive;

/// <summary>
/// Statistics of one incoming RTP stream (one SSRC): counts, 64-bit sequence numbers, loss
/// (expected − distinct received, RFC 3550 A.3), duplicates and reordering, interarrival jitter
/// (RFC 3550 A.8), one-way delay from the embedded <see cref="MediaProbe"/>, and video frames and key
/// frames. Packets arrive on the receive thread; snapshots may be taken from any thread.
/// Nothing is allocated per packet.
/// </summary>
public sealed class ReceiveStreamStats
{
    /// <summary>Sequence numbers remembered for duplicate detection.</summary>
    public const int HistorySize = 4096;

    /// <summary>Delays kept for the percentiles.</summary>
    public const int DefaultDelayWindow = 2048;

    private const long MicrosPerSecond = 1_000_000;

    private readonly object _gate = new();
    private readonly long[] _history = new long[HistorySize];
    private readonly DelayWindow _delays;
    private readonly NackTracker _nacks = new();
    private readonly int _clockRate;
    private SequenceUnwrapper _sequence;
    private long _baseSequence;
    private long _packets;
    private long _bytes;
    private long _duplicates;
    private long _reordered;
    private long _scaledJitter;
    private int _lastTransit;
    private bool _hasTransit;
    private long _frames;
    private long _keyFrames;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _recovered;

    public ReceiveStreamStats(uint ssrc, MediaKind kind, int clockRate, string? streamId = null, int delayWindow = DefaultDelayWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        Ssrc = ssrc;
        Kind = kind;
        StreamId = streamId;
        _clockRate = clockRate;
        _delays = new DelayWindow(delayWindow);
        Array.Fill(_history, long.MinValue); // never an extended sequence number
    }

    public uint Ssrc { get; }

    /// <summary>The one-way delay of the last packet counted (from its probe), or -1 when it carried none; receive thread only.</summary>
    internal long LastPacketDelayMicros { get; private set; } = -1;

    public MediaKind Kind { get; }

    /// <summary>The msid stream id of the stream, when the SDP named it.</summary>
    public string? StreamId { get; set; }

    /// <summary>Whether a video key frame has arrived (a receiver asks for one by PLI until then).</summary>
    public bool HasKeyFrame
    {
        get
        {
            lock (_gate)
            {
                return _keyFrames > 0;
            }
        }
    }

    /// <summary>Records one RTP packet that arrived at <paramref name="arrivalUnixMicros"/>.</summary>
    public void OnPacket(ReadOnlySpan<byte> packet, in RtpHeader header, long arrivalUnixMicros)
    {
        lock (_gate)
        {
            bool first = !_sequence.IsInitialized;
            long highestBefore = _sequence.Highest;
            long extended = _sequence.Unwrap(header.SequenceNumber);
            if (first)
            {
                _baseSequence = extended;
            }
            else if (extended < _baseSequence)
            {
                _baseSequence = extended; // an older packet than the first one seen: it counts as expected too
            }

            ref long slot = ref _history[(int)((ulong)extended % HistorySize)];
            if (slot == extended)
            {
                _duplicates++;
                return;
            }
            slot = extended;
            if (!first && extended < highestBefore)
            {
                _reordered++;
                _nacks.OnArrival(extended);
                Volatile.Write(ref _nacksPending, _nacks.Count);
            }
            else if (!first && extended > highestBefore + 1)
            {
                _nacks.OnGap(highestBefore, extended, arrivalUnixMicros / 1000);
                Volatile.Write(ref _nacksPending, _nacks.Count);
            }

            _packets++;
            _bytes += header.PacketLength;
            UpdateJitter(header.Timestamp, arrivalUnixMicros);
            ReadOnlySpan<byte> payload = packet.Slice(header.PayloadOffset, header.PayloadLength);
            LastPacketDelayMicros = -1;
            if (SyntheticPayloadLayout.TryReadProbe(Kind, payload, out MediaProbe probe))
            {
                LastPacketDelayMicros = arrivalUnixMicros - probe.SendTimeUnixMicros;
                _delays.Add(LastPacketDelayMicros);
            }
            if (Kind == MediaKind.Video)
            {
                if (header.Marker)
                {
                    _frames++;
                }
                if (KeyFrameDetector.IsKeyFrameStart(VideoCodec.Vp8, payload))
                {
                    _keyFrames++;
                }
            }
        }
    }

    /// <summary>
    /// An RTX packet (RFC 4588 §4) repaired <paramref name="originalSequenceNumber"/>. It is counted as recovered,
    /// not as received, so that <see cref="ReceiveStreamSnapshot.Lost"/> keeps measuring the network.
    /// </summary>
    public void OnRetransmission(ushort originalSequenceNumber)
    {
        lock (_gate)
        {
            if (_sequence.IsInitialized && _nacks.OnArrival(_sequence.PeekUnwrap(originalSequenceNumber)))
            {
                _recovered++;
                Volatile.Write(ref _nacksPending, _nacks.Count);
            }
        }
    }

    /// <summary>The sequence numbers to ask for by NACK now (at most <paramref name="destination"/>'s length).</summary>
    public int CollectNacks(Span<ushort> destination, long nowUnixMicros)
    {
        if (Volatile.Read(ref _nacksPending) == 0)
        {
            return 0; // the common case, every tick of every stream: no lock
        }
        lock (_gate)
        {
            int written = _nacks.Collect(destination, nowUnixMicros / 1000);
            Volatile.Write(ref _nacksPending, _nacks.Count);
            return written;
        }
    }

    // _nacks.Count as of its last change, for CollectNacks to skip the lock when nothing is missing. Read by a
    // reporting thread other than the receiving one, it may be a tick late to see a new gap: a NACK a tick later.
    private int _nacksPending;

    public ReceiveStreamSnapshot Snapshot()
    {
        ReceiveStreamSnapshot counts;
        long[] delays;
        lock (_gate)
        {
            // Only copies under the lock: the receive thread waits for no sorting.
            long expected = _sequence.IsInitialized ? ReceptionStatistics.Expected(_baseSequence, _sequence.Highest) : 0;
            counts = new ReceiveStreamSnapshot(
                Ssrc, Kind, StreamId, _packets, _bytes, _duplicates, _reordered,
                _sequence.IsInitialized ? _sequence.Highest : 0, expected, expected - _packets,
                (double)(_scaledJitter >> 4) * MicrosPerSecond / _clockRate,
                0, 0, _delays.Total, _frames, _keyFrames, _recovered);
            delays = _delays.CopySamples();
        }
        Array.Sort(delays);
        return counts with { DelayP50Micros = DelayWindow.Percentile(delays, 50), DelayP99Micros = DelayWindow.Percentile(delays, 99) };
    }

    /// <summary>
    /// A report block for an RR (RFC 3550 §6.4.1), with the fraction lost since the previous block;
    /// <paramref name="lastSenderReport"/> and <paramref name="delaySinceLastSenderReport"/> come from the last SR.
    /// </summary>
    public ReceptionReport BuildReport(uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        lock (_gate)
        {
            long expected = _sequence.IsInitialized ? ReceptionStatistics.Expected(_baseSequence, _sequence.Highest) : 0;
            byte fraction = ReceptionStatistics.FractionLost(expected - _expectedPrior, _packets - _receivedPrior);
            _expectedPrior = expected;
            _receivedPrior = _packets;
            return new ReceptionReport(
                Ssrc, fraction, ReceptionStatistics.CumulativeLost(expected, _packets),
                ReceptionStatistics.ExtendedHighestSequenceNumber(_sequence.Highest),
                ReceptionStatistics.ScaledJitterToWire(_scaledJitter), lastSenderReport, delaySinceLastSenderReport);
        }
    }

    // RFC 3550 A.8: transit = arrival (in RTP units) − RTP timestamp; J += (|D| − J) / 16. Both clocks
    // are compared modulo 2^32, so the transit is the signed 32-bit difference.
    private void UpdateJitter(uint rtpTimestamp, long arrivalUnixMicros)
    {
        uint arrival = unchecked((uint)(long)((Int128)arrivalUnixMicros * _clockRate / MicrosPerSecond));
        int transit = unchecked((int)(arrival - rtpTimestamp));
        if (_hasTransit)
        {
            _scaledJitter = ReceptionStatistics.NextScaledJitter(_scaledJitter, unchecked(transit - _lastTransit));
        }
        _lastTransit = transit;
        _hasTransit = true;
    }
}
