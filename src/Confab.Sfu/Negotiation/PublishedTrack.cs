using Confab.Rtc.Sdp;

namespace Confab.Sfu.Negotiation;

/// <summary>
/// One track a publisher's offer sends, as the SFU accepted it: its mid, the one codec the SFU asked for
/// (and that codec's RTX), and its SSRCs when the offer listed them (else it is bound by mid on arrival).
/// A simulcast track lists its layers' rids (RFC 8853), lowest first as the offer orders them; each layer is
/// bound by mid and rid on arrival.
/// </summary>
public sealed record PublishedTrack(
    string Mid,
    Routing.MediaKind Kind,
    Codec Codec,
    Codec? Rtx,
    uint? Ssrc,
    uint? RtxSsrc,
    string? TrackId,
    IReadOnlyList<string> Rids);
