namespace Confab.Rtc.Rtp;

/// <summary>The values of the RTP fixed header (RFC 3550 §5.1) that a sender chooses.</summary>
public readonly record struct RtpHeaderFields(
    byte PayloadType,
    ushort SequenceNumber,
    uint Timestamp,
    uint Ssrc,
    bool Marker = false);
