using Confab.Rtc.Codecs;
using Confab.Rtc.Rtp;
using Confab.Sfu.Buffers;
using Confab.Sfu.Forwarding;

namespace Confab.Sfu.Routing;

/// <summary>
/// One incoming track of a publisher. It extends sequence numbers and timestamps to 64 bits, keeps recent
/// video packets for retransmission, recognises key frames, and hands every packet to its consumers.
/// Lives on the media worker's thread: no member is thread-safe, none needs a lock.
/// </summary>
public sealed class Producer
{
    // About 3 s of 1.5 Mbit/s video: far longer than a NACK's round trip; 768 KB per video producer.
    private const int VideoRetransmissionCapacity = 512;

    private readonly IKeyFrameRequester _keyFrameRequester;
    private readonly RetransmissionBuffer? _retransmissions;
    private readonly KeyFrameRequestThrottle _keyFrameThrottle = new();
    private SequenceUnwrapper _sequence;
    private TimestampUnwrapper _timestamp;
    private Consumer[] _consumers = [];

    internal Producer(Router router, ProducerOptions options, IKeyFrameRequester keyFrameRequester)
    {
        Router = router;
        Options = options;
        _keyFrameRequester = keyFrameRequester;
        Reception = new ReceptionTracker(options.ClockRate);
        if (options.Kind == MediaKind.Video)
        {
            _retransmissions = new RetransmissionBuffer(VideoRetransmissionCapacity);
        }
    }

    public Router Router { get; }

    public ProducerOptions Options { get; }

    public string Id => Options.Id;

    public MediaKind Kind => Options.Kind;

    /// <summary>The SSRC the publisher sends with, learned from SDP or from the first packet carrying our mid.</summary>
    public uint Ssrc { get; internal set; }

    public bool IsClosed { get; private set; }

    /// <summary>
    /// Held back by the server (a host muted the publisher or stopped its video): packets are received and
    /// counted, not forwarded, whatever the publisher's client does.
    /// </summary>
    public bool IsBlocked { get; private set; }

    /// <summary>Blocks or releases forwarding; on release each consumer starts a new segment (and, for video, waits for the key frame asked for).</summary>
    public void SetBlocked(bool blocked, long nowMs)
    {
        if (blocked == IsBlocked)
        {
            return;
        }
        IsBlocked = blocked;
        if (blocked)
        {
            // The key frame and what followed it would run into the blocked time: a starting consumer waits for the next.
            LastKeyFrameSequence = -1;
            LastKeyFrameMs = long.MinValue;
        }
        else
        {
            foreach (var consumer in _consumers)
            {
                consumer.OnSourceReleased(nowMs);
            }
        }
    }

    public IReadOnlyList<Consumer> Consumers => _consumers;

    public long PacketsReceived { get; private set; }

    public long BytesReceived { get; private set; }

    public long KeyFramesReceived { get; private set; }

    /// <summary>When the last packet arrived (the worker's clock, ms), or long.MinValue before the first.</summary>
    public long LastReceivedMs { get; private set; } = long.MinValue;

    /// <summary>Loss, jitter and sender-report timing, for the receiver reports sent to the publisher.</summary>
    public ReceptionTracker Reception { get; }

    /// <summary>Highest extended sequence number received.</summary>
    public long HighestSequence => _sequence.Highest;

    /// <summary>
    /// Extended sequence number of the first packet of the newest key frame received since the producer was last
    /// blocked, or -1 before one: where a starting consumer may begin (everything from it on may be forwarded).
    /// </summary>
    public long LastKeyFrameSequence { get; private set; } = -1;

    /// <summary>When the newest key frame began to arrive (the worker's clock, ms), or long.MinValue before one.</summary>
    public long LastKeyFrameMs { get; private set; } = long.MinValue;

    /// <summary>
    /// The per-packet path: <paramref name="packet"/> is a plain (unprotected) RTP packet and
    /// <paramref name="header"/> its parsed header; <paramref name="scratch"/> is the worker's send buffer.
    /// </summary>
    public void OnRtp(ReadOnlySpan<byte> packet, in RtpHeader header, long nowMs, Span<byte> scratch)
    {
        if (IsClosed || header.PayloadType != Options.PayloadType)
        {
            return;
        }
        long sequence = _sequence.Unwrap(header.SequenceNumber);
        long timestamp = _timestamp.Unwrap(header.Timestamp);
        PacketsReceived++;
        BytesReceived += packet.Length;
        LastReceivedMs = nowMs;
        Reception.OnPacket(sequence, timestamp, nowMs);
        if (header.PayloadLength == 0)
        {
            return; // padding only (bandwidth probing): nothing to forward
        }

        ReadOnlySpan<byte> payload = packet.Slice(header.PayloadOffset, header.PayloadLength);
        bool keyFrame = Kind == MediaKind.Video && KeyFrameDetector.IsKeyFrameStart(Options.VideoCodec, payload);
        if (keyFrame)
        {
            KeyFramesReceived++;
            _keyFrameThrottle.OnKeyFrame();
            // Only what may be forwarded can be replayed to a starting consumer: nothing received while blocked.
            if (sequence > LastKeyFrameSequence && !IsBlocked)
            {
                LastKeyFrameSequence = sequence;
                LastKeyFrameMs = nowMs;
            }
        }
        _retransmissions?.Store(sequence, packet);

        if (IsBlocked)
        {
            return;
        }
        var incoming = new IncomingRtp(sequence, timestamp, header.Marker, keyFrame);
        Consumer[] consumers = _consumers;
        for (int i = 0; i < consumers.Length; i++)
        {
            consumers[i].Forward(this, incoming, payload, nowMs, scratch);
        }
    }

    /// <summary>A consumer needs a key frame; the throttle lets one request through per interval.</summary>
    internal void RequestKeyFrame(long nowMs)
    {
        if (!IsClosed && Ssrc != 0 && _keyFrameThrottle.ShouldForward(nowMs))
        {
            _keyFrameRequester.RequestKeyFrame(Ssrc);
        }
    }

    /// <summary>A stored packet, with its extended timestamp, for a retransmission.</summary>
    internal bool TryGetStored(long sequence, out ReadOnlySpan<byte> packet, out RtpHeader header, out long timestamp)
    {
        header = default;
        timestamp = 0;
        if (_retransmissions is null || !_retransmissions.TryGet(sequence, out packet) || !RtpHeader.TryRead(packet, out header))
        {
            packet = default;
            return false;
        }
        timestamp = _timestamp.PeekUnwrap(header.Timestamp);
        return true;
    }

    internal void AddConsumer(Consumer consumer)
    {
        var next = new Consumer[_consumers.Length + 1];
        _consumers.CopyTo(next, 0);
        next[^1] = consumer;
        _consumers = next;
    }

    internal void RemoveConsumer(Consumer consumer)
    {
        int index = Array.IndexOf(_consumers, consumer);
        if (index < 0)
        {
            return;
        }
        var next = new Consumer[_consumers.Length - 1];
        Array.Copy(_consumers, 0, next, 0, index);
        Array.Copy(_consumers, index + 1, next, index, _consumers.Length - index - 1);
        _consumers = next;
    }

    internal void Close()
    {
        IsClosed = true;
        _retransmissions?.Dispose();
    }
}
