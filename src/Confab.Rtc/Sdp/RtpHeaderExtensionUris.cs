namespace Confab.Rtc.Sdp;

/// <summary>URIs of the RTP header extensions (RFC 8285) the SFU understands.</summary>
public static class RtpHeaderExtensionUris
{
    /// <summary>RFC 9143 §15: the mid of the m= section a packet belongs to.</summary>
    public const string Mid = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>RFC 8852 §3.1: the rid of a simulcast stream.</summary>
    public const string RtpStreamId = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";

    /// <summary>RFC 8852 §3.2: the rid of the stream an rtx stream repairs.</summary>
    public const string RepairedRtpStreamId = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /// <summary>Absolute send time (for REMB bandwidth estimation).</summary>
    public const string AbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /// <summary>Transport-wide sequence number (for transport-cc feedback).</summary>
    public const string TransportWideCc = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /// <summary>RFC 6464: audio level of a packet (active speaker detection).</summary>
    public const string AudioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    /// <summary>The set the SFU negotiates by default.</summary>
    public static IReadOnlyList<string> Supported { get; } =
        [Mid, RtpStreamId, RepairedRtpStreamId, AbsSendTime, TransportWideCc, AudioLevel];
}
