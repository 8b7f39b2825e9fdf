namespace Confab.Rtc.Net;

/// <summary>
/// RFC 7983 §7 (updating RFC 5764 §5.1.2): demultiplexing by the first byte of a datagram.
/// <code>
///                  +----------------+
///                  |        [0..3] -+--> forward to STUN
///                  |       [16..19] -+--> forward to ZRTP
///      packet -->  |       [20..63] -+--> forward to DTLS
///                  |       [64..79] -+--> forward to TURN Channel
///                  |     [128..191] -+--> forward to RTP/RTCP
///                  +----------------+
/// </code>
/// RTP and RTCP on one port are told apart by the second byte (RFC 5761 §4): RTCP packet types
/// 192..223 fall where RTP's marker bit and payload type would be, and RTP avoids those payload types.
/// ZRTP and TURN channel data are not used by Confab and count as <see cref="PacketKind.Unknown"/>.
/// </summary>
public static class PacketClassifier
{
    private const byte StunLast = 3;
    private const byte DtlsFirst = 20;
    private const byte DtlsLast = 63;
    private const byte RtpFirst = 128;
    private const byte RtpLast = 191;
    private const byte RtcpTypeFirst = 192;
    private const byte RtcpTypeLast = 223;
    private const int MinRtpOrRtcpLength = 4;

    public static PacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketKind.Unknown;
        }
        byte first = datagram[0];
        if (first <= StunLast)
        {
            return PacketKind.Stun;
        }
        if (first is >= DtlsFirst and <= DtlsLast)
        {
            return PacketKind.Dtls;
        }
        if (first is >= RtpFirst and <= RtpLast && datagram.Length >= MinRtpOrRtcpLength)
        {
            return datagram[1] is >= RtcpTypeFirst and <= RtcpTypeLast ? PacketKind.Rtcp : PacketKind.Rtp;
        }
        return PacketKind.Unknown;
    }
}
