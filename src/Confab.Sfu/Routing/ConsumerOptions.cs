namespace Confab.Sfu.Routing;

/// <summary>
/// One outgoing stream as negotiated in the subscriber's SDP: its own SSRC, the payload type the subscriber
/// knows the codec by, and, when RTX (RFC 4588) is negotiated, the RTX SSRC and payload type.
/// </summary>
public sealed record ConsumerOptions(
    string Id,
    uint Ssrc,
    byte PayloadType,
    uint? RtxSsrc = null,
    byte? RtxPayloadType = null,
    bool Paused = false);
