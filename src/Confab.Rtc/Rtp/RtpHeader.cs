using System.Buffers.Binary;

namespace Confab.Rtc.Rtp;

// RFC 3550 §5.1 — RTP fixed header
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                           timestamp                           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           synchronization source (SSRC) identifier            |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |            contributing source (CSRC) identifiers             |
// |                             ....                              |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// RFC 3550 §5.3.1 — header extension (present when X = 1)
//
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |      defined by profile       |           length              |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                        header extension                       |
// |                             ....                              |
//
// "length" counts 32-bit words of extension data after this 4-byte header.
// When P = 1 the last octet of the packet is the number of padding octets, itself included.

/// <summary>
/// A validated view of an RTP header: field values and the offsets of the CSRC list, the
/// header extension and the payload inside the packet it was read from. Holds no reference
/// to the packet, so it can be kept next to a pooled buffer.
/// </summary>
public readonly struct RtpHeader
{
    public const int Version2 = 2;
    public const int FixedHeaderLength = 12;
    public const int CsrcLength = 4;
    public const int MaxCsrcCount = 15;
    public const int ExtensionHeaderLength = 4;

    internal const int FirstByteOffset = 0;
    internal const int MarkerAndPayloadTypeOffset = 1;
    internal const int SequenceNumberOffset = 2;
    internal const int TimestampOffset = 4;
    internal const int SsrcOffset = 8;
    internal const int CsrcListOffset = 12;

    internal const byte VersionMask = 0xC0;
    internal const int VersionShift = 6;
    internal const byte PaddingBit = 0x20;
    internal const byte ExtensionBit = 0x10;
    internal const byte CsrcCountMask = 0x0F;
    internal const byte MarkerBit = 0x80;
    internal const byte PayloadTypeMask = 0x7F;

    public bool HasPadding { get; init; }
    public bool HasExtension { get; init; }
    public int CsrcCount { get; init; }
    public bool Marker { get; init; }
    public byte PayloadType { get; init; }
    public ushort SequenceNumber { get; init; }
    public uint Timestamp { get; init; }
    public uint Ssrc { get; init; }

    /// <summary>The 16-bit "defined by profile" field (0xBEDE, 0x100X, ...); 0 without extension.</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>Offset of the extension data (after the 4-byte extension header); 0 without extension.</summary>
    public int ExtensionOffset { get; init; }

    /// <summary>Length in bytes of the extension data (a multiple of 4).</summary>
    public int ExtensionLength { get; init; }

    /// <summary>Offset of the payload; equals the full header length.</summary>
    public int PayloadOffset { get; init; }

    public int PayloadLength { get; init; }

    /// <summary>Number of padding octets at the end of the packet, including the count octet.</summary>
    public int PaddingLength { get; init; }

    /// <summary>Length of the packet this header was read from.</summary>
    public int PacketLength { get; init; }

    public int HeaderLength => PayloadOffset;

    /// <summary>Reads the CSRC at <paramref name="index"/> from the same packet the header was read from.</summary>
    public uint GetCsrc(ReadOnlySpan<byte> packet, int index)
    {
        if ((uint)index >= (uint)CsrcCount)
        {
            return 0;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(CsrcListOffset + (index * CsrcLength), CsrcLength));
    }

    /// <summary>
    /// Parses and validates an RTP header. False for anything that is not a well-formed RTP
    /// version 2 packet: too short, wrong version, CSRC list or extension past the end, padding
    /// count of zero or larger than what follows the header.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedHeaderLength)
        {
            return false;
        }

        byte first = packet[FirstByteOffset];
        if ((first & VersionMask) >> VersionShift != Version2)
        {
            return false;
        }

        int csrcCount = first & CsrcCountMask;
        int offset = CsrcListOffset + (csrcCount * CsrcLength);
        if (offset > packet.Length)
        {
            return false;
        }

        bool hasExtension = (first & ExtensionBit) != 0;
        ushort profile = 0;
        int extensionOffset = 0;
        int extensionLength = 0;
        if (hasExtension)
        {
            if (offset + ExtensionHeaderLength > packet.Length)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(offset, 2));
            extensionLength = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(offset + 2, 2)) * 4;
            extensionOffset = offset + ExtensionHeaderLength;
            offset = extensionOffset + extensionLength;
            if (offset > packet.Length)
            {
                return false;
            }
        }

        bool hasPadding = (first & PaddingBit) != 0;
        int paddingLength = 0;
        if (hasPadding)
        {
            if (offset >= packet.Length)
            {
                return false;
            }

            paddingLength = packet[^1];
            if (paddingLength == 0 || paddingLength > packet.Length - offset)
            {
                return false;
            }
        }

        byte second = packet[MarkerAndPayloadTypeOffset];
        header = new RtpHeader
        {
            HasPadding = hasPadding,
            HasExtension = hasExtension,
            CsrcCount = csrcCount,
            Marker = (second & MarkerBit) != 0,
            PayloadType = (byte)(second & PayloadTypeMask),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(SequenceNumberOffset, 2)),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(TimestampOffset, 4)),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(SsrcOffset, 4)),
            ExtensionProfile = profile,
            ExtensionOffset = extensionOffset,
            ExtensionLength = extensionLength,
            PayloadOffset = offset,
            PayloadLength = packet.Length - offset - paddingLength,
            PaddingLength = paddingLength,
            PacketLength = packet.Length,
        };
        return true;
    }
}
