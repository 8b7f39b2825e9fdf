using System.Buffers.Binary;

namespace Confab.Rtc.Rtp;

// transport-wide-cc (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2)
//
//  0                   1                   2
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  ID   | L=1   |transport-wide sequence number |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// A 16-bit sequence number shared by all media streams of one transport.

/// <summary>Reads and writes the transport-wide sequence number extension; the id is the negotiated one.</summary>
public static class TransportSequenceNumberExtension
{
    public const int ValueLength = 2;

    public static bool TryParse(ReadOnlySpan<byte> value, out ushort sequenceNumber)
    {
        if (value.Length != ValueLength)
        {
            sequenceNumber = 0;
            return false;
        }

        sequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(value);
        return true;
    }

    public static bool TryFormat(Span<byte> destination, ushort sequenceNumber)
    {
        if (destination.Length != ValueLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, sequenceNumber);
        return true;
    }

    public static bool TryRead(ReadOnlySpan<byte> packet, in RtpHeader header, byte id, out ushort sequenceNumber)
    {
        sequenceNumber = 0;
        return RtpHeaderExtensions.TryFind(packet, header, id, out ReadOnlySpan<byte> value) && TryParse(value, out sequenceNumber);
    }

    /// <summary>Replaces the value in place (the SFU numbers each outgoing packet of a transport).</summary>
    public static bool TryRewrite(Span<byte> packet, in RtpHeader header, byte id, ushort sequenceNumber) =>
        RtpHeaderExtensions.TryFindWritable(packet, header, id, out var value) && TryFormat(value, sequenceNumber);

    public static bool TryAdd(ref RtpHeaderExtensionWriter writer, byte id, ushort sequenceNumber) =>
        writer.TryReserve(id, ValueLength, out var value) && TryFormat(value, sequenceNumber);
}
