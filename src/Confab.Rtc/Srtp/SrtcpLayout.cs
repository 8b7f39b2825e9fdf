namespace Confab.Rtc.Srtp;

/// <summary>
/// Offsets of the SRTCP packet (RFC 3711 §3.4).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    RC   |   PT=SR or RR   |             length          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         SSRC of sender                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                  encrypted portion (the rest of the compound)  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |E|                         SRTCP index                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// :                     authentication tag                        :
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// For AES-GCM (RFC 7714 §9) the tag is part of the AEAD output and sits before the E/index word.
/// </summary>
internal static class SrtcpLayout
{
    /// <summary>The first 8 octets (common header and sender SSRC) are never encrypted.</summary>
    public const int UnencryptedPrefixLength = 8;

    /// <summary>Offset of the sender SSRC.</summary>
    public const int SsrcOffset = 4;

    /// <summary>The E flag and the 31-bit SRTCP index share one 32-bit word.</summary>
    public const int IndexWordLength = 4;

    /// <summary>E flag: set when the packet body is encrypted.</summary>
    public const uint EncryptedFlag = 0x8000_0000;

    /// <summary>The SRTCP index is 31 bits.</summary>
    public const uint IndexMask = 0x7FFF_FFFF;

    /// <summary>RTP/RTCP version carried in the two top bits of the first octet.</summary>
    public const int Version = 2;
}
