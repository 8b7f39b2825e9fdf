using System.Collections.Concurrent;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Receive;

/// <summary>
/// The incoming RTP streams of one connection, by SSRC, each with its <see cref="ReceiveStreamStats"/>.
/// What a payload type is (audio, video, retransmission) and which msid stream an SSRC belongs to come from
/// the SDP (<see cref="Configure"/>); streams appear on their first packet.
/// </summary>
public sealed class IncomingStreams
{
    private readonly ConcurrentDictionary<uint, ReceiveStreamStats> _streams = new();
    private volatile Layout _layout = Layout.Empty;
    private ReceiveStreamStats? _lastStream; // streams are never removed, so a stale one is still the right one for its SSRC

    /// <summary>RTX packets (RFC 4588), not counted in any stream's statistics.</summary>
    public long RetransmissionPackets { get; private set; }

    /// <summary>Packets whose payload type the SDP did not name.</summary>
    public long UnknownPayloadTypePackets { get; private set; }

    /// <summary>
    /// Every stream so far, read without allocating (the receive thread's reports walk it every tick): a new array
    /// replaces the old when a stream appears, so a reader's span stays valid.
    /// </summary>
    public ReadOnlySpan<ReceiveStreamStats> Streams => _streamList;

    private volatile ReceiveStreamStats[] _streamList = [];
    private readonly Lock _addGate = new();

    /// <summary>
    /// Called on the receive thread with the one-way delay (µs) of every media packet that carries a probe, for a
    /// caller that keeps its own distribution of all packets (the load generator); null: nobody.
    /// </summary>
    public Action<long>? DelayObserved { get; set; }

    /// <summary>How many streams have had a packet (cheap: no snapshot, no lock on any stream).</summary>
    public int Count => _streams.Count;

    /// <summary>Learns payload types and SSRC → msid stream ids from a description of what we receive.</summary>
    public void Configure(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var payloadTypes = new Dictionary<int, PayloadInfo>();
        var streamIds = new Dictionary<uint, string>();
        var repairs = new Dictionary<uint, uint>();
        foreach (MediaDescription media in description.Media)
        {
            if (media.IsRejected || media.Kind is not (MediaKind.Audio or MediaKind.Video))
            {
                continue;
            }
            foreach (Codec codec in media.Codecs)
            {
                payloadTypes[codec.PayloadType] = new PayloadInfo(media.Kind, Math.Max(codec.ClockRate, 1), codec.IsRtx());
            }
            foreach (SsrcGroup group in media.SsrcGroups)
            {
                // RFC 5576 §4.2 / RFC 4588 §8.6: "FID media rtx".
                if (group.Semantics == SsrcGroup.FlowIdentification && group.Ssrcs.Count == 2)
                {
                    repairs[group.Ssrcs[1]] = group.Ssrcs[0];
                }
            }
            string? sectionStream = media.Msids.Count > 0 ? media.Msids[0].StreamId : null;
            foreach (SsrcAttribute attribute in media.SsrcAttributes)
            {
                string? streamId = attribute.Name == "msid" && attribute.Value is { } value
                    ? value.Split(' ')[0]
                    : sectionStream;
                if (streamId is not null && streamId != "-")
                {
                    streamIds[attribute.Ssrc] = streamId;
                }
            }
        }
        _layout = new Layout(payloadTypes, streamIds, repairs);
        foreach (ReceiveStreamStats stats in _streams.Values)
        {
            if (streamIds.TryGetValue(stats.Ssrc, out string? streamId))
            {
                stats.StreamId = streamId;
            }
        }
    }

    /// <summary>Whether the payload type is an RTX one (RFC 4588) by the SDP.</summary>
    public bool IsRetransmission(byte payloadType) => _layout.PayloadTypes.TryGetValue(payloadType, out PayloadInfo info) && info.IsRtx;

    /// <summary>Records a received packet; returns its stream, or null for RTX and unknown payload types.</summary>
    public ReceiveStreamStats? OnRtp(ReadOnlySpan<byte> packet, in RtpHeader header, long arrivalUnixMicros)
    {
        Layout layout = _layout;
        if (!layout.PayloadTypes.TryGetValue(header.PayloadType, out PayloadInfo info))
        {
            UnknownPayloadTypePackets++;
            return null;
        }
        if (info.IsRtx)
        {
            // RFC 4588 §4: the RTX payload starts with the original sequence number (OSN).
            RetransmissionPackets++;
            if (header.PayloadLength >= sizeof(ushort) && layout.Repairs.TryGetValue(header.Ssrc, out uint mediaSsrc)
                && _streams.TryGetValue(mediaSsrc, out ReceiveStreamStats? repaired))
            {
                repaired.OnRetransmission(System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(packet[header.PayloadOffset..]));
            }
            return null;
        }
        // Packets come in runs of one stream (a video frame's packets): the last one's stats spare the lookup.
        ReceiveStreamStats? stats = _lastStream;
        if (stats is null || stats.Ssrc != header.Ssrc)
        {
            if (!_streams.TryGetValue(header.Ssrc, out stats))
            {
                layout.StreamIds.TryGetValue(header.Ssrc, out string? streamId);
                stats = Add(new ReceiveStreamStats(header.Ssrc, info.Kind, info.ClockRate, streamId));
            }
            _lastStream = stats;
        }
        stats.OnPacket(packet, header, arrivalUnixMicros);
        if (DelayObserved is { } observe && stats.LastPacketDelayMicros >= 0)
        {
            observe(stats.LastPacketDelayMicros);
        }
        return stats;
    }

    private ReceiveStreamStats Add(ReceiveStreamStats candidate)
    {
        lock (_addGate)
        {
            ReceiveStreamStats stats = _streams.GetOrAdd(candidate.Ssrc, candidate);
            if (ReferenceEquals(stats, candidate))
            {
                _streamList = [.. _streamList, stats];
            }
            return stats;
        }
    }

    public IReadOnlyList<ReceiveStreamSnapshot> Snapshot() => [.. _streams.Values.Select(s => s.Snapshot())];

    private readonly record struct PayloadInfo(MediaKind Kind, int ClockRate, bool IsRtx);

    /// <param name="PayloadTypes">What each payload type carries.</param>
    /// <param name="StreamIds">msid stream id by SSRC.</param>
    /// <param name="Repairs">The media SSRC each RTX SSRC repairs.</param>
    private sealed record Layout(Dictionary<int, PayloadInfo> PayloadTypes, Dictionary<uint, string> StreamIds, Dictionary<uint, uint> Repairs)
    {
        public static Layout Empty { get; } = new([], [], []);
    }
}
