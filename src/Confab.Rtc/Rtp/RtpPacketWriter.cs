using System.Buffers.Binary;

namespace Confab.Rtc.Rtp;

/// <summary>
/// In-place rewriters of the RTP fixed header (RFC 3550 §5.1), for the SFU's per-subscriber
/// munging. Each returns false, writing nothing, when the buffer is shorter than the fixed header.
/// </summary>
public static class RtpPacketWriter
{
    public static bool SetSequenceNumber(Span<byte> packet, ushort sequenceNumber)
    {
        if (packet.Length < RtpHeader.FixedHeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(RtpHeader.SequenceNumberOffset, 2), sequenceNumber);
        return true;
    }

    public static bool SetTimestamp(Span<byte> packet, uint timestamp)
    {
        if (packet.Length < RtpHeader.FixedHeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(RtpHeader.TimestampOffset, 4), timestamp);
        return true;
    }

    public static bool SetSsrc(Span<byte> packet, uint ssrc)
    {
        if (packet.Length < RtpHeader.FixedHeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(RtpHeader.SsrcOffset, 4), ssrc);
        return true;
    }

    /// <summary>Sets the 7-bit payload type, keeping the marker bit. False when the value exceeds 127.</summary>
    public static bool SetPayloadType(Span<byte> packet, byte payloadType)
    {
        if (packet.Length < RtpHeader.FixedHeaderLength || payloadType > RtpHeader.PayloadTypeMask)
        {
            return false;
        }

        ref byte second = ref packet[RtpHeader.MarkerAndPayloadTypeOffset];
        second = (byte)((second & RtpHeader.MarkerBit) | payloadType);
        return true;
    }

    /// <summary>Sets or clears the marker bit, keeping the payload type.</summary>
    public static bool SetMarker(Span<byte> packet, bool marker)
    {
        if (packet.Length < RtpHeader.FixedHeaderLength)
        {
            return false;
        }

        ref byte second = ref packet[RtpHeader.MarkerAndPayloadTypeOffset];
        second = marker
            ? (byte)(second | RtpHeader.MarkerBit)
            : (byte)(second & RtpHeader.PayloadTypeMask);
        return true;
    }
}
