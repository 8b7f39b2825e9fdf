using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 3550 §6.6 — BYE: goodbye
//
//        0                   1                   2                   3
//        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |V=2|P|    SC   |   PT=BYE=203  |             length            |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       |                           SSRC/CSRC                           |
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//       :                              ...                              :
//       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// (opt) |     length    |               reason for leaving            ...
//       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The reason is UTF-8 text of "length" octets, followed by null octets to a 32-bit boundary.

/// <summary>A parsed BYE: the departing sources and an optional reason (empty when absent).</summary>
public readonly ref struct Goodbye
{
    private const int SsrcLength = 4;
    private const int ReasonLengthFieldLength = 1;

    private readonly ReadOnlySpan<byte> _sources;

    private Goodbye(ReadOnlySpan<byte> sources, ReadOnlySpan<byte> reason)
    {
        _sources = sources;
        Reason = reason;
    }

    public int SourceCount => _sources.Length / SsrcLength;

    public ReadOnlySpan<byte> Reason { get; }

    public uint GetSource(int index) =>
        (uint)index < (uint)SourceCount ? BinaryPrimitives.ReadUInt32BigEndian(_sources[(index * SsrcLength)..]) : 0;

    public static bool TryRead(ReadOnlySpan<byte> data, out Goodbye goodbye)
    {
        goodbye = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.Goodbye, out var packet) && TryRead(packet, out goodbye);
    }

    /// <summary>False when the SSRC list or the reason runs past the packet.</summary>
    public static bool TryRead(RtcpPacket packet, out Goodbye goodbye)
    {
        goodbye = default;
        var body = packet.Body;
        int sourcesLength = packet.Count * SsrcLength;
        if (packet.Type != RtcpPacketType.Goodbye || body.Length < sourcesLength)
        {
            return false;
        }

        ReadOnlySpan<byte> reason = default;
        if (body.Length > sourcesLength)
        {
            int reasonLength = body[sourcesLength];
            int reasonStart = sourcesLength + ReasonLengthFieldLength;
            if (reasonStart + reasonLength > body.Length)
            {
                return false;
            }

            reason = body.Slice(reasonStart, reasonLength);
        }

        goodbye = new Goodbye(body[..sourcesLength], reason);
        return true;
    }

    public static int GetMarshalSize(int sourceCount, int reasonLength)
    {
        int length = RtcpHeader.Length + (sourceCount * SsrcLength);
        return reasonLength == 0 ? length : (length + ReasonLengthFieldLength + reasonLength + 3) & ~3;
    }

    /// <summary>Writes a BYE for up to 31 sources with an optional reason of up to 255 bytes.</summary>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<uint> sources, ReadOnlySpan<byte> reason, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetMarshalSize(sources.Length, reason.Length);
        if (sources.Length > RtcpHeader.MaxCount || reason.Length > byte.MaxValue || destination.Length < length)
        {
            return false;
        }

        destination[..length].Clear();
        RtcpHeader.Write(destination, sources.Length, RtcpPacketType.Goodbye, length);
        int position = RtcpHeader.Length;
        foreach (uint ssrc in sources)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], ssrc);
            position += SsrcLength;
        }

        if (!reason.IsEmpty)
        {
            destination[position] = (byte)reason.Length;
            reason.CopyTo(destination[(position + ReasonLengthFieldLength)..]);
        }

        bytesWritten = length;
        return true;
    }
}
