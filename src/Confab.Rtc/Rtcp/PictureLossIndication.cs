namespace Confab.Rtc.Rtcp;

// RFC 4585 §6.3.1 — Picture Loss Indication (PSFB, FMT=1): no FCI.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|  FMT=1  |    PT=206     |          length=2             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of packet sender                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of media source                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A PLI: the receiver lost an undefined part of the picture of <see cref="MediaSsrc"/>.</summary>
public readonly record struct PictureLossIndication(uint SenderSsrc, uint MediaSsrc)
{
    public const int MarshalSize = FeedbackHeader.Length;

    public static bool TryRead(ReadOnlySpan<byte> data, out PictureLossIndication pli)
    {
        pli = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.PayloadFeedback, out var packet) && TryRead(packet, out pli);
    }

    public static bool TryRead(RtcpPacket packet, out PictureLossIndication pli)
    {
        pli = default;
        if (!FeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, PayloadFeedbackFormat.PictureLossIndication, out uint sender, out uint media, out _))
        {
            return false;
        }

        pli = new PictureLossIndication(sender, media);
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < MarshalSize)
        {
            return false;
        }

        FeedbackHeader.Write(destination, RtcpPacketType.PayloadFeedback, PayloadFeedbackFormat.PictureLossIndication, MarshalSize, SenderSsrc, MediaSsrc);
        bytesWritten = MarshalSize;
        return true;
    }
}
