using System.Buffers.Binary;

namespace Confab.Rtc.Srtp;

/// <summary>
/// The few RTP header fields SRTP needs, read with every length bounds-checked (RFC 3550 §5.1, §5.3.1).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers             |
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   defined by profile (X=1)    |     length (32-bit words)     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        header extension                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal readonly struct SrtpRtpHeader
{
    public const int FixedLength = 12;
    private const int SequenceNumberOffset = 2;
    private const int SsrcOffset = 8;
    private const int CsrcLength = 4;
    private const int ExtensionHeaderLength = 4;
    private const int ExtensionLengthOffset = 2;
    private const int WordLength = 4;
    private const byte ExtensionBit = 0x10;
    private const byte CsrcCountMask = 0x0F;

    public SrtpRtpHeader(int length, ushort sequenceNumber, uint ssrc)
    {
        Length = length;
        SequenceNumber = sequenceNumber;
        Ssrc = ssrc;
    }

    /// <summary>Header length in octets, including CSRCs and the extension.</summary>
    public int Length { get; }

    public ushort SequenceNumber { get; }

    public uint Ssrc { get; }

    /// <summary>Reads the header; <see cref="SrtpError.TooShort"/> or <see cref="SrtpError.BadHeader"/> on failure.</summary>
    public static SrtpError TryRead(ReadOnlySpan<byte> packet, out SrtpRtpHeader header)
    {
        header = default;
        if (packet.Length < FixedLength)
        {
            return SrtpError.TooShort;
        }

        byte first = packet[0];
        if (first >> 6 != SrtcpLayout.Version)
        {
            return SrtpError.BadHeader;
        }

        int length = FixedLength + (first & CsrcCountMask) * CsrcLength;
        if ((first & ExtensionBit) != 0)
        {
            if (length + ExtensionHeaderLength > packet.Length)
            {
                return SrtpError.BadHeader;
            }

            int words = BinaryPrimitives.ReadUInt16BigEndian(packet[(length + ExtensionLengthOffset)..]);
            length += ExtensionHeaderLength + words * WordLength;
        }

        if (length > packet.Length)
        {
            return SrtpError.BadHeader;
        }

        header = new SrtpRtpHeader(
            length,
            BinaryPrimitives.ReadUInt16BigEndian(packet[SequenceNumberOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[SsrcOffset..]));
        return SrtpError.None;
    }
}
