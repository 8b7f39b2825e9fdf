using Confab.Rtc.Sdp;

namespace Confab.Sfu.Negotiation;

/// <summary>
/// One track a subscriber receives: whose it is (<see cref="StreamId"/>, the publisher's peer id, becomes the
/// a=msid stream id), the SSRCs the SFU sends it with, and the codec (with the publisher's payload type).
/// </summary>
public sealed record SubscribedTrack(
    string StreamId,
    string TrackId,
    Routing.MediaKind Kind,
    uint Ssrc,
    uint? RtxSsrc,
    Codec Codec,
    Codec? Rtx,
    string Cname);
