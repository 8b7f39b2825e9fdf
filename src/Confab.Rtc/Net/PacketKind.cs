namespace Confab.Rtc.Net;

/// <summary>What a datagram on the shared media port carries (RFC 7983 §7).</summary>
public enum PacketKind
{
    Unknown,
    Stun,
    Dtls,
    Rtp,
    Rtcp,
}
