using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 3550 §6.4.1 — common RTCP header
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|  count  |      PT       |             length            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// count: report/source/chunk count, or FMT for feedback packets (RFC 4585 §6.1).
// length: the packet length in 32-bit words minus one, header and padding included.

/// <summary>Offsets and writing of the common RTCP header.</summary>
public static class RtcpHeader
{
    public const int Length = 4;
    public const int Version2 = 2;
    public const int MaxCount = 31;

    /// <summary>Largest packet the 16-bit length field can describe, in bytes.</summary>
    public const int MaxPacketLength = (ushort.MaxValue + 1) * 4;

    internal const int TypeOffset = 1;
    internal const int LengthOffset = 2;
    internal const byte VersionMask = 0xC0;
    internal const int VersionShift = 6;
    internal const byte PaddingBit = 0x20;
    internal const byte CountMask = 0x1F;

    /// <summary>
    /// Writes the header of a packet of <paramref name="packetLength"/> bytes (a multiple of 4).
    /// The destination must hold at least the 4 header bytes; callers check the packet length.
    /// </summary>
    internal static void Write(Span<byte> destination, int count, RtcpPacketType type, int packetLength)
    {
        destination[0] = (byte)((Version2 << VersionShift) | (count & CountMask));
        destination[TypeOffset] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[LengthOffset..], (ushort)((packetLength / 4) - 1));
    }

    /// <summary>Whether a packet length can be written: at least a header, whole words, within the length field.</summary>
    internal static bool IsWritableLength(int packetLength) =>
        packetLength >= Length && packetLength % 4 == 0 && packetLength <= MaxPacketLength;
}
