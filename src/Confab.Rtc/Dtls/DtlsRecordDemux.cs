namespace Confab.Rtc.Dtls;

/// <summary>
/// RFC 7983 §7: demultiplexing of the packets arriving on one WebRTC UDP port by their first byte.
/// <code>
///                  +----------------+
///                  |        [0..3] -+--> forward to STUN
///                  |                |
///                  |      [16..19] -+--> forward to ZRTP
///                  |                |
///      packet -->  |      [20..63] -+--> forward to DTLS
///                  |                |
///                  |      [64..79] -+--> forward to TURN Channel
///                  |                |
///                  |    [128..191] -+--> forward to RTP/RTCP
///                  +----------------+
/// </code>
/// </summary>
public static class DtlsRecordDemux
{
    /// <summary>Lowest first byte of a DTLS record (RFC 7983 §7).</summary>
    public const byte FirstDtlsByte = 20;

    /// <summary>Highest first byte of a DTLS record (RFC 7983 §7).</summary>
    public const byte LastDtlsByte = 63;

    /// <summary>True when the datagram belongs to DTLS according to its first byte.</summary>
    public static bool IsDtls(ReadOnlySpan<byte> datagram) =>
        !datagram.IsEmpty && datagram[0] >= FirstDtlsByte && datagram[0] <= LastDtlsByte;
}
