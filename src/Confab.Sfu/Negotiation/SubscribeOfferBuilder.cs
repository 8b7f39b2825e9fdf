using System.Globalization;
using Confab.Rtc.Sdp;

namespace Confab.Sfu.Negotiation;

/// <summary>
/// The SFU's offers on a subscriber's receive connection (the SFU is always the offerer there). Each consumer
/// occupies one m-line; when it ends the m-line turns inactive and is reused by the next consumer of the same
/// kind, so the SDP of a long meeting is bounded by the most consumers alive at once. Not thread-safe: one
/// subscriber's negotiation runs one step at a time.
/// </summary>
public sealed class SubscribeOfferBuilder
{
    private static readonly string[] VideoFeedback = ["ccm fir", "nack", "nack pli"];

    private readonly List<Slot> _slots = [];
    private readonly ulong _sessionId = (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>Version of the last offer built (1 for the first).</summary>
    public int Version { get; private set; }

    public int SlotCount => _slots.Count;

    /// <summary>Tracks currently placed, by mid.</summary>
    public IEnumerable<(string Mid, SubscribedTrack Track)> ActiveTracks =>
        _slots.Where(s => s.Track is not null).Select(s => (s.Mid, s.Track!));

    /// <summary>Places a track on a free m-line of its kind, or a new one; returns its mid.</summary>
    public string Add(SubscribedTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        Slot? slot = _slots.FirstOrDefault(s => s.Track is null && s.Kind == track.Kind);
        if (slot is null)
        {
            slot = new Slot(_slots.Count.ToString(CultureInfo.InvariantCulture), track.Kind);
            _slots.Add(slot);
        }
        slot.Track = track;
        slot.LastCodec = track.Codec;
        slot.LastRtx = track.Rtx;
        return slot.Mid;
    }

    /// <summary>Frees the m-line that carried the track with this SSRC; false when no m-line did.</summary>
    public bool Remove(uint ssrc)
    {
        Slot? slot = _slots.FirstOrDefault(s => s.Track?.Ssrc == ssrc);
        if (slot is null)
        {
            return false;
        }
        slot.Track = null;
        return true;
    }

    /// <summary>The next offer: every m-line, sendonly where a track is placed, inactive where it was freed.</summary>
    public SessionDescription BuildOffer(LocalTransportParameters local)
    {
        ArgumentNullException.ThrowIfNull(local);
        Version++;
        var offer = new SessionDescription
        {
            Origin = SdpOrigin.ForWebRtc(_sessionId, (ulong)Version),
            IceLite = true,
            MsidSemantic = new SdpMsidSemantic("WMS", ["*"]),
        };
        if (_slots.Count == 0)
        {
            return offer;
        }
        List<IceCandidate> candidates = PublishNegotiation.HostCandidates(local.Candidates);
        foreach (Slot slot in _slots)
        {
            offer.Media.Add(BuildSection(slot, local));
        }
        offer.Groups.Add(new SdpGroup(SdpGroup.Bundle, _slots.Select(s => s.Mid).ToList()));
        offer.Media[0].Candidates.AddRange(candidates);
        offer.Media[0].EndOfCandidates = true;
        return offer;
    }

    private static MediaDescription BuildSection(Slot slot, LocalTransportParameters local)
    {
        var section = new MediaDescription
        {
            Media = slot.Kind == Routing.MediaKind.Audio ? "audio" : "video",
            Port = 9,
            Connection = SdpConnection.Ip4Any,
            Mid = slot.Mid,
            Direction = slot.Track is null ? MediaDirection.Inactive : MediaDirection.SendOnly,
            RtcpMux = true,
            RtcpReducedSize = true,
            IceUfrag = local.IceUfrag,
            IcePwd = local.IcePwd,
            Fingerprint = local.Fingerprint,
            Setup = SdpSetupRole.ActPass,
        };
        var codecs = new List<Codec> { WithFeedback(slot.LastCodec, slot.Kind) };
        if (slot.LastRtx is not null)
        {
            codecs.Add(slot.LastRtx.Clone());
        }
        section.SetCodecs(codecs);
        if (slot.Track is { } track)
        {
            section.Msids.Add(new Msid(track.StreamId, track.TrackId));
            if (track.RtxSsrc is uint rtxSsrc && slot.LastRtx is not null)
            {
                section.SsrcGroups.Add(new SsrcGroup(SsrcGroup.FlowIdentification, [track.Ssrc, rtxSsrc]));
                section.SsrcAttributes.Add(new SsrcAttribute(track.Ssrc, "cname", track.Cname));
                section.SsrcAttributes.Add(new SsrcAttribute(rtxSsrc, "cname", track.Cname));
            }
            else
            {
                section.SsrcAttributes.Add(new SsrcAttribute(track.Ssrc, "cname", track.Cname));
            }
        }
        return section;
    }

    private static Codec WithFeedback(Codec codec, Routing.MediaKind kind)
    {
        var copy = codec.Clone();
        copy.Feedback.Clear();
        if (kind == Routing.MediaKind.Video)
        {
            copy.Feedback.AddRange(VideoFeedback);
        }
        return copy;
    }

    private sealed class Slot(string mid, Routing.MediaKind kind)
    {
        public string Mid { get; } = mid;

        public Routing.MediaKind Kind { get; } = kind;

        public SubscribedTrack? Track { get; set; }

        public Codec LastCodec { get; set; } = null!;

        public Codec? LastRtx { get; set; }
    }
}
