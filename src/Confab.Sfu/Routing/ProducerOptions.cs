using Confab.Rtc.Codecs;

namespace Confab.Sfu.Routing;

/// <summary>One incoming track (or, with a <see cref="Rid"/>, one simulcast layer of it) as negotiated in the publisher's SDP.</summary>
public sealed record ProducerOptions(
    string Id,
    MediaKind Kind,
    int ClockRate,
    byte PayloadType,
    VideoCodec VideoCodec,
    string? Mid = null,
    string? Rid = null);
