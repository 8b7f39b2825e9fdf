using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 4585 §6.1 — common packet format for feedback messages
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|   FMT   |       PT      |          length               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of packet sender                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of media source                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// :            Feedback Control Information (FCI)                 :
// :                                                               :

/// <summary>Reading and writing of the two SSRCs every RFC 4585 feedback message starts with.</summary>
internal static class FeedbackHeader
{
    public const int SenderSsrcOffset = 0;
    public const int MediaSsrcOffset = 4;

    /// <summary>Length of the two SSRCs: the FCI starts here in the body.</summary>
    public const int SsrcsLength = 8;

    /// <summary>Full length of the RTCP header plus both SSRCs.</summary>
    public const int Length = RtcpHeader.Length + SsrcsLength;

    /// <summary>Checks type and FMT, and that the body holds both SSRCs; hands back SSRCs and FCI.</summary>
    public static bool TryRead(RtcpPacket packet, RtcpPacketType type, byte format, out uint senderSsrc, out uint mediaSsrc, out ReadOnlySpan<byte> fci)
    {
        senderSsrc = 0;
        mediaSsrc = 0;
        fci = default;
        var body = packet.Body;
        if (packet.Type != type || packet.Format != format || body.Length < SsrcsLength)
        {
            return false;
        }

        senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(body[SenderSsrcOffset..]);
        mediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(body[MediaSsrcOffset..]);
        fci = body[SsrcsLength..];
        return true;
    }

    /// <summary>Writes the RTCP header and both SSRCs; returns the FCI area.</summary>
    public static Span<byte> Write(Span<byte> destination, RtcpPacketType type, byte format, int packetLength, uint senderSsrc, uint mediaSsrc)
    {
        RtcpHeader.Write(destination, format, type, packetLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(RtcpHeader.Length + SenderSsrcOffset)..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(RtcpHeader.Length + MediaSsrcOffset)..], mediaSsrc);
        return destination[Length..packetLength];
    }
}
