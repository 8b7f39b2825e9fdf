using System.Buffers.Binary;
using Confab.Rtc.Rtp;
using Confab.Sfu.Forwarding;

namespace Confab.Sfu.Routing;

/// <summary>
/// One subscriber's copy of a producer's track: its own SSRC, sequence numbers and timestamps (rewritten by a
/// <see cref="SimpleForwarder"/>), pause and resume, and retransmissions on NACK — over RTX (RFC 4588) where
/// negotiated. For a simulcast track it consumes every layer's producer and forwards one: the current layer,
/// switching to the target layer on that layer's next key frame (the munger keeps the output gapless).
/// Lives on the media worker's thread.
/// </summary>
public sealed class Consumer
{
    // RFC 4588 §4: the RTX payload starts with the original sequence number.
    private const int OriginalSequenceLength = 2;

    private const int NoLayer = -1;

    /// <summary>A simulcast layer that sent nothing for this long is taken as stopped (the sender dropped it).</summary>
    private const long LayerActiveMs = 1000;

    private readonly SimpleForwarder _forwarder;
    private readonly IRtpSink _sink;
    private readonly Producer[] _layers;
    private int _currentLayer = NoLayer;
    private int _targetLayer;
    private ushort _rtxSequence;

    internal Consumer(Producer[] layers, ConsumerOptions options, IRtpSink sink)
    {
        _layers = layers;
        Options = options;
        _sink = sink;
        _targetLayer = layers.Length - 1;
        _forwarder = new SimpleForwarder(Producer.Kind == MediaKind.Video, Producer.Options.ClockRate);
        if (options.Paused)
        {
            _forwarder.Pause();
        }
    }

    /// <summary>The producer whose packets are sent now (the target layer until the first one is sent).</summary>
    public Producer Producer => _layers[_currentLayer == NoLayer ? _targetLayer : _currentLayer];

    /// <summary>Every producer this consumer takes packets from: one, or one per simulcast layer (lowest first).</summary>
    public IReadOnlyList<Producer> Layers => _layers;

    /// <summary>Index in <see cref="Layers"/> of the layer being sent, or -1 before the first packet.</summary>
    public int CurrentLayer => _currentLayer;

    public int TargetLayer => _targetLayer;

    /// <summary>Asks for another simulcast layer; the switch happens on that layer's next key frame, which is requested.</summary>
    public void SetTargetLayer(int layer, long nowMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, _layers.Length);
        if (layer == _targetLayer)
        {
            return;
        }
        _targetLayer = layer;
        // A paused consumer sends nothing: a key frame now would be dropped, and the publisher may then ignore the
        // request that matters (browsers refuse key-frame requests that come too soon after the last one).
        if (layer != _currentLayer && !_forwarder.IsPaused)
        {
            _layers[layer].RequestKeyFrame(nowMs);
        }
    }

    public ConsumerOptions Options { get; }

    public string Id => Options.Id;

    public uint Ssrc => Options.Ssrc;

    public bool IsPaused => _forwarder.IsPaused;

    public bool IsClosed { get; private set; }

    public long PacketsSent { get; private set; }

    public long OctetsSent { get; private set; }

    public long Retransmissions { get; private set; }

    /// <summary>RTP timestamp and wall-clock time of the last packet sent, for sender reports.</summary>
    public uint LastRtpTimestamp { get; private set; }

    public long LastSentMs { get; private set; }

    public DropReason LastDropReason { get; private set; }

    /// <summary>The highest sequence number sent (extended), or -1 before the first packet.</summary>
    public long HighestSentSequence => _forwarder.Munger.HighestOutputSequence;

    public void Pause() => _forwarder.Pause();

    /// <summary>
    /// Sends again. Video starts from the newest key frame of the layer to send when the producer received it within
    /// <see cref="KeyFrameReplayWindowMs"/> and still holds every packet since (the picture appears at once, without
    /// the round trip of a key-frame request, which <see cref="PrepareKeyFrame"/> made ahead); otherwise a key frame
    /// is requested and the consumer starts with it. <paramref name="scratch"/> is the worker's send buffer.
    /// </summary>
    public void Resume(long nowMs, Span<byte> scratch)
    {
        if (!_forwarder.Resume())
        {
            return;
        }
        Producer source = LayerToStartFrom(nowMs);
        if (!ReplayFromKeyFrame(source, nowMs, scratch))
        {
            source.RequestKeyFrame(nowMs);
        }
    }

    /// <summary>
    /// The consumer is about to start (its subscriber is answering the offer, connecting): a paused video consumer
    /// asks now for the key frame it will start from, so that <see cref="Resume"/> finds it at hand. Nothing is asked
    /// when the layer's newest key frame is younger than <see cref="FreshKeyFrameMs"/> (browsers ignore a request
    /// that soon after their last key frame, and that one serves).
    /// </summary>
    public void PrepareKeyFrame(long nowMs)
    {
        if (Producer.Kind != MediaKind.Video || !_forwarder.IsPaused || IsClosed)
        {
            return;
        }
        Producer source = LayerToStartFrom(nowMs);
        if (source.LastKeyFrameMs == long.MinValue || nowMs - source.LastKeyFrameMs >= FreshKeyFrameMs)
        {
            source.RequestKeyFrame(nowMs);
        }
    }

    /// <summary>How old a key frame may be for a starting consumer to be sent it and what followed from the buffer.</summary>
    public const long KeyFrameReplayWindowMs = 1000;

    /// <summary>A key frame younger than this is not asked for again ahead of a start (see <see cref="PrepareKeyFrame"/>).</summary>
    public const long FreshKeyFrameMs = 300;

    // The layer a start sends: the current one after a pause, else the target or the best one below it that is flowing.
    private Producer LayerToStartFrom(long nowMs) => _currentLayer == NoLayer ? _layers[LayerToSend(nowMs)] : Producer;

    // Video only (the forwarder asks for a start only for video). Sends the stored packets of the source from its newest
    // key frame on, through the same decisions as live packets (the key frame opens the output segment; packets missing
    // from the buffer leave gaps the receiver may NACK). A blocked producer has no key frame to start from (Producer).
    private bool ReplayFromKeyFrame(Producer source, long nowMs, Span<byte> scratch)
    {
        long first = source.LastKeyFrameSequence;
        if (first < 0 || nowMs - source.LastKeyFrameMs > KeyFrameReplayWindowMs
            || !source.TryGetStored(first, out _, out _, out _))
        {
            return false;
        }
        // The newest packet still stored ends the burst (the key frame itself is, so the search stops there at the latest).
        long last = source.HighestSequence;
        long lastTimestamp;
        while (!source.TryGetStored(last, out _, out _, out lastTimestamp))
        {
            last--;
        }
        _forwarder.Munger.CompressNextSegmentUpTo(last, lastTimestamp);
        for (long sequence = first; sequence <= last; sequence++)
        {
            if (!source.TryGetStored(sequence, out var packet, out var header, out long timestamp) || header.PayloadLength == 0)
            {
                continue;
            }
            var incoming = new IncomingRtp(sequence, timestamp, header.Marker, KeyFrameStart: sequence == first);
            Forward(source, incoming, packet.Slice(header.PayloadOffset, header.PayloadLength), nowMs, scratch);
        }
        _forwarder.Munger.CancelPendingCompression();
        return !_forwarder.IsWaitingForKeyFrame;
    }

    /// <summary>The producer forwards again after being blocked: continue the output gaplessly, from a key frame for video.</summary>
    internal void OnSourceReleased(long nowMs)
    {
        if (_forwarder.Restart())
        {
            Producer.RequestKeyFrame(nowMs);
        }
    }

    /// <summary>The subscriber lost the picture (PLI/FIR): ask the publisher for a key frame.</summary>
    public void OnKeyFrameRequest(long nowMs) => Producer.RequestKeyFrame(nowMs);

    internal void Forward(Producer source, in IncomingRtp packet, ReadOnlySpan<byte> payload, long nowMs, Span<byte> scratch)
    {
        if (IsClosed || _forwarder.IsPaused)
        {
            LastDropReason = DropReason.Paused;
            return;
        }
        if (!IsFromLayerToSend(source, packet, nowMs))
        {
            return;
        }
        DropReason reason = _forwarder.Decide(packet, nowMs, out long sequence, out long timestamp);
        LastDropReason = reason;
        if (reason != DropReason.None)
        {
            if (reason == DropReason.WaitingForKeyFrame)
            {
                Producer.RequestKeyFrame(nowMs);
            }
            return;
        }
        var fields = new RtpHeaderFields(Options.PayloadType, (ushort)sequence, (uint)timestamp, Options.Ssrc, packet.Marker);
        if (!Write(scratch, fields, [], payload, out int length))
        {
            return;
        }
        PacketsSent++;
        OctetsSent += payload.Length;
        LastRtpTimestamp = (uint)timestamp;
        LastSentMs = nowMs;
        _sink.SendRtp(scratch, length);
    }

    /// <summary>
    /// The subscriber reported <paramref name="sequence"/> (in this consumer's numbering, extended) lost:
    /// resend it from the producer's buffer, when it is still there and belongs to the current segment.
    /// </summary>
    public bool OnNack(long sequence, Span<byte> scratch)
    {
        if (IsClosed || !_forwarder.Munger.TryMapToSource(sequence, out long source)
            || !Producer.TryGetStored(source, out var packet, out var header, out long sourceTimestamp))
        {
            return false;
        }
        long timestamp = _forwarder.Munger.MapTimestamp(source, sourceTimestamp);
        ReadOnlySpan<byte> payload = packet.Slice(header.PayloadOffset, header.PayloadLength);
        int length;
        if (Options.RtxSsrc is uint rtxSsrc && Options.RtxPayloadType is byte rtxPayloadType)
        {
            Span<byte> osn = stackalloc byte[OriginalSequenceLength];
            BinaryPrimitives.WriteUInt16BigEndian(osn, (ushort)sequence);
            var fields = new RtpHeaderFields(rtxPayloadType, _rtxSequence++, (uint)timestamp, rtxSsrc, header.Marker);
            if (!Write(scratch, fields, osn, payload, out length))
            {
                return false;
            }
        }
        else
        {
            var fields = new RtpHeaderFields(Options.PayloadType, (ushort)sequence, (uint)timestamp, Options.Ssrc, header.Marker);
            if (!Write(scratch, fields, [], payload, out length))
            {
                return false;
            }
        }
        Retransmissions++;
        _sink.SendRtp(scratch, length);
        return true;
    }

    internal void Close() => IsClosed = true;

    // A packet of the current layer is sent; a key frame of the layer to send makes it the current one (until it
    // comes, that layer is asked for one, as often as its throttle allows). The layer to send is the target, or,
    // when the sender stopped it (senders drop upper layers when bandwidth is short), the highest active one below.
    private bool IsFromLayerToSend(Producer source, in IncomingRtp packet, long nowMs)
    {
        if (_layers.Length == 1)
        {
            _currentLayer = 0;
            return true;
        }
        int wanted = LayerToSend(nowMs);
        if (_currentLayer != wanted && ReferenceEquals(source, _layers[wanted]))
        {
            if (!packet.KeyFrameStart)
            {
                source.RequestKeyFrame(nowMs);
                return false;
            }
            _currentLayer = wanted;
            _forwarder.Munger.StartNewSegment();
            return true;
        }
        return _currentLayer != NoLayer && ReferenceEquals(source, _layers[_currentLayer]);
    }

    private int LayerToSend(long nowMs)
    {
        for (int layer = _targetLayer; layer >= 0; layer--)
        {
            long last = _layers[layer].LastReceivedMs;
            if (last != long.MinValue && nowMs - last <= LayerActiveMs)
            {
                return layer;
            }
        }
        return _targetLayer;
    }

    private static bool Write(Span<byte> destination, in RtpHeaderFields fields, ReadOnlySpan<byte> prefix,
        ReadOnlySpan<byte> payload, out int length)
    {
        length = 0;
        if (!RtpHeaderWriter.TryWrite(destination, fields, [], out int headerLength)
            || headerLength + prefix.Length + payload.Length > destination.Length)
        {
            return false;
        }
        prefix.CopyTo(destination[headerLength..]);
        payload.CopyTo(destination[(headerLength + prefix.Length)..]);
        length = headerLength + prefix.Length + payload.Length;
        return true;
    }
}
