namespace Confab.Sfu.Forwarding;

/// <summary>
/// Rewrites a producer's sequence numbers and timestamps into a consumer's own continuous numbering.
/// Everything is kept as 64-bit extended values; only the wire form is truncated to 16/32 bits.
/// <para>
/// Output is made of segments: whenever the source changes or the consumer resumes (<see cref="StartNewSegment"/>),
/// the next packet forwarded continues the consumer's sequence at last + 1, and its timestamp at last + the
/// time that passed (in RTP clock units), so the receiver sees one gapless, monotonic stream (RFC 3550 §5.1).
/// Within a segment, offsets are fixed, so reordered packets and retransmissions map consistently.
/// </para>
/// <para>
/// A segment that opens with a burst of stored packets (a consumer started from the buffer's newest key frame) may
/// have that burst's timing compressed (<see cref="CompressNextSegmentUpTo"/>): the receiver then plays what it is
/// handed at once, instead of timing it by the original timestamps and holding the first picture until live
/// packets catch up.
/// </para>
/// </summary>
public sealed class RtpMunger
{
    private readonly long _clockRate;
    private long _sequenceOffset;
    private long _timestampOffset;
    private long _segmentStartSource = long.MinValue;
    private long _segmentStartOutput;
    private long _highestOutputSequence = -1;
    private long _lastOutputTimestamp;
    private long _lastOutputTimeMs;
    private bool _newSegmentPending = true;
    private long _compressUpToSequence = -1;
    private long _compressAnchorTimestamp;
    private long _pendingCompressUpToSequence = -1;
    private long _pendingCompressAnchorTimestamp;

    /// <summary>
    /// In a compressed burst, the time between two stored packets is divided by this: a key frame and the second of
    /// frames after it (30 frames at 30 fps) take about 30 ms of the receiver's clock instead of a second. Frames stay
    /// distinct and in order (at 90 kHz, frames would have to be under 0.4 ms apart to merge).
    /// </summary>
    public const int BurstTimeCompression = 32;

    public RtpMunger(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        _clockRate = clockRate;
    }

    /// <summary>The highest extended sequence number sent so far, or -1 before the first packet.</summary>
    public long HighestOutputSequence => _highestOutputSequence;

    /// <summary>The next forwarded packet starts a new segment (source switch, resume after pause).</summary>
    public void StartNewSegment() => _newSegmentPending = true;

    /// <summary>
    /// The next segment opens with a burst of stored packets up to the source's <paramref name="lastSequence"/>, whose
    /// timestamp is <paramref name="lastTimestamp"/>: within the segment, the timestamps of packets up to that one are
    /// drawn towards it (their distance to it divided by <see cref="BurstTimeCompression"/>); the last keeps its own,
    /// and packets after it follow at their own pace. Applies only to the segment that begins next;
    /// <see cref="CancelPendingCompression"/> withdraws it when no segment began.
    /// </summary>
    public void CompressNextSegmentUpTo(long lastSequence, long lastTimestamp)
    {
        _pendingCompressUpToSequence = lastSequence;
        _pendingCompressAnchorTimestamp = lastTimestamp;
    }

    /// <summary>Withdraws a compression asked for by <see cref="CompressNextSegmentUpTo"/> that no segment took.</summary>
    public void CancelPendingCompression() => _pendingCompressUpToSequence = -1;

    /// <summary>The output timestamp of a source packet of the current segment (as sent, or as a retransmission sends it).</summary>
    public long MapTimestamp(long sourceSequence, long sourceTimestamp)
    {
        if (sourceSequence <= _compressUpToSequence && sourceTimestamp <= _compressAnchorTimestamp)
        {
            return _compressAnchorTimestamp - (_compressAnchorTimestamp - sourceTimestamp) / BurstTimeCompression + _timestampOffset;
        }
        return sourceTimestamp + _timestampOffset;
    }

    /// <summary>
    /// Maps a packet to the consumer's numbering. False when the packet belongs to an earlier segment
    /// (it arrived late, after a switch) and must not be sent.
    /// </summary>
    public bool TryMunge(in IncomingRtp packet, long nowMs, out long outputSequence, out long outputTimestamp)
    {
        if (_newSegmentPending)
        {
            BeginSegment(packet, nowMs);
        }
        else if (packet.ExtendedSequence < _segmentStartSource)
        {
            outputSequence = 0;
            outputTimestamp = 0;
            return false;
        }

        outputSequence = packet.ExtendedSequence + _sequenceOffset;
        outputTimestamp = MapTimestamp(packet.ExtendedSequence, packet.ExtendedTimestamp);
        if (outputSequence > _highestOutputSequence)
        {
            _highestOutputSequence = outputSequence;
            _lastOutputTimestamp = outputTimestamp;
            _lastOutputTimeMs = nowMs;
        }
        return true;
    }

    /// <summary>
    /// Maps a sequence number the consumer's receiver asks for (NACK) back to the producer's extended sequence.
    /// False when it lies outside the current segment, whose packets are the only ones we can map back.
    /// </summary>
    public bool TryMapToSource(long outputSequence, out long sourceSequence)
    {
        sourceSequence = outputSequence - _sequenceOffset;
        return !_newSegmentPending && outputSequence >= _segmentStartOutput && outputSequence <= _highestOutputSequence;
    }

    private void BeginSegment(in IncomingRtp packet, long nowMs)
    {
        _newSegmentPending = false;
        _segmentStartSource = packet.ExtendedSequence;
        _compressUpToSequence = _pendingCompressUpToSequence;
        _compressAnchorTimestamp = _pendingCompressAnchorTimestamp;
        _pendingCompressUpToSequence = -1;
        long nextSequence = _highestOutputSequence + 1;
        _segmentStartOutput = nextSequence;
        _sequenceOffset = nextSequence - packet.ExtendedSequence;
        if (_highestOutputSequence < 0)
        {
            _timestampOffset = 0;
            return;
        }
        long elapsedUnits = Math.Max(1, (nowMs - _lastOutputTimeMs) * _clockRate / 1000);
        _timestampOffset = _lastOutputTimestamp + elapsedUnits - packet.ExtendedTimestamp;
    }
}
