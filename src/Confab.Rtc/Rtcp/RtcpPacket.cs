using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

/// <summary>
/// One RTCP packet inside a compound packet (header layout in <see cref="RtcpHeader"/>):
/// its type, count/FMT field, the whole packet and its body (after the 4-byte header, padding removed).
/// </summary>
public readonly ref struct RtcpPacket
{
    public RtcpPacket(RtcpPacketType type, byte count, ReadOnlySpan<byte> packet, ReadOnlySpan<byte> body)
    {
        Type = type;
        Count = count;
        Packet = packet;
        Body = body;
    }

    public RtcpPacketType Type { get; }

    /// <summary>The 5-bit count field: report count, source count, or FMT for feedback.</summary>
    public byte Count { get; }

    /// <summary>FMT of a feedback packet: the same bits as <see cref="Count"/>.</summary>
    public byte Format => Count;

    /// <summary>The whole packet, header and padding included.</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>The bytes after the common header, without padding.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>
    /// Reads the first packet of <paramref name="data"/>, which may be followed by more packets.
    /// False when fewer than 4 bytes remain, the version is not 2, the length field runs past
    /// the data, or the padding count is zero or exceeds the body.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out RtcpPacket packet)
    {
        packet = default;
        if (data.Length < RtcpHeader.Length)
        {
            return false;
        }

        byte first = data[0];
        if ((first & RtcpHeader.VersionMask) >> RtcpHeader.VersionShift != RtcpHeader.Version2)
        {
            return false;
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(data[RtcpHeader.LengthOffset..]) + 1) * 4;
        if (length > data.Length)
        {
            return false;
        }

        int bodyEnd = length;
        if ((first & RtcpHeader.PaddingBit) != 0)
        {
            int padding = data[length - 1];
            if (padding == 0 || padding > length - RtcpHeader.Length)
            {
                return false;
            }

            bodyEnd -= padding;
        }

        packet = new RtcpPacket(
            (RtcpPacketType)data[RtcpHeader.TypeOffset],
            (byte)(first & RtcpHeader.CountMask),
            data[..length],
            data[RtcpHeader.Length..bodyEnd]);
        return true;
    }

    /// <summary>Reads <paramref name="data"/> as exactly one packet of the expected type.</summary>
    internal static bool TryReadSingle(ReadOnlySpan<byte> data, RtcpPacketType type, out RtcpPacket packet) =>
        TryRead(data, out packet) && packet.Type == type;
}
