using System.Buffers.Binary;
using System.Text;

namespace Confab.Rtc.Rtcp;

// RFC 3550 §6.5 — SDES: source description
//
//         0                   1                   2                   3
//         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// header |V=2|P|    SC   |  PT=SDES=202  |             length            |
//        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// chunk  |                          SSRC/CSRC_1                          |
//   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//        |                           SDES items                          |
//        |                              ...                              |
//        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
//
// RFC 3550 §6.5.1 — an item: type (8 bits), length (8 bits), UTF-8 text, no terminator.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |    CNAME=1    |     length    | user and domain name        ...
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// A chunk's item list ends with one or more null octets (item type 0), up to the next
// 32-bit boundary; the next chunk starts there.

/// <summary>SDES item types (RFC 3550 §6.5, RFC 8843, RFC 8852).</summary>
public enum SdesItemType : byte
{
    End = 0,
    Cname = 1,
    Name = 2,
    Email = 3,
    Phone = 4,
    Location = 5,
    Tool = 6,
    Note = 7,
    Private = 8,
    RtpStreamId = 12,
    RepairedRtpStreamId = 13,
    Mid = 15,
}

/// <summary>A chunk to write: an SSRC and its CNAME.</summary>
public readonly record struct SdesCnameChunk(uint Ssrc, string Cname);

/// <summary>A parsed SDES packet; every chunk was validated by <see cref="TryRead(RtcpPacket, out SourceDescription)"/>.</summary>
public readonly ref struct SourceDescription
{
    internal const int ItemHeaderLength = 2;
    internal const int SsrcLength = 4;
    public const int MaxItemTextLength = 255;

    private SourceDescription(int chunkCount, ReadOnlySpan<byte> body)
    {
        ChunkCount = chunkCount;
        Body = body;
    }

    public int ChunkCount { get; }

    internal ReadOnlySpan<byte> Body { get; }

    public SdesChunkEnumerator GetEnumerator() => new(Body, ChunkCount);

    public static bool TryRead(ReadOnlySpan<byte> data, out SourceDescription description)
    {
        description = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.SourceDescription, out var packet) && TryRead(packet, out description);
    }

    public static bool TryRead(RtcpPacket packet, out SourceDescription description)
    {
        description = default;
        if (packet.Type != RtcpPacketType.SourceDescription)
        {
            return false;
        }

        var body = packet.Body;
        int position = 0;
        for (int i = 0; i < packet.Count; i++)
        {
            if (!SdesChunkEnumerator.TryMeasureChunk(body, position, out int chunkLength, out _))
            {
                return false;
            }

            position += chunkLength;
        }

        description = new SourceDescription(packet.Count, body);
        return true;
    }

    /// <summary>Bytes of one chunk holding a CNAME of <paramref name="cnameByteCount"/> bytes: SSRC, item, terminator, alignment.</summary>
    public static int GetChunkSize(int cnameByteCount) => (SsrcLength + ItemHeaderLength + cnameByteCount + 1 + 3) & ~3;

    public static int GetMarshalSize(ReadOnlySpan<SdesCnameChunk> chunks)
    {
        int length = RtcpHeader.Length;
        foreach (var chunk in chunks)
        {
            length += GetChunkSize(Encoding.UTF8.GetByteCount(chunk.Cname));
        }

        return length;
    }

    /// <summary>Writes an SDES packet with one CNAME item per chunk (1..255 UTF-8 bytes each, at most 31 chunks).</summary>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<SdesCnameChunk> chunks, out int bytesWritten)
    {
        bytesWritten = 0;
        if (chunks.Length > RtcpHeader.MaxCount)
        {
            return false;
        }

        foreach (var chunk in chunks)
        {
            int count = Encoding.UTF8.GetByteCount(chunk.Cname);
            if (count is 0 or > MaxItemTextLength)
            {
                return false;
            }
        }

        int length = GetMarshalSize(chunks);
        if (destination.Length < length || length > RtcpHeader.MaxPacketLength)
        {
            return false;
        }

        destination[..length].Clear(); // terminators and alignment are null octets
        RtcpHeader.Write(destination, chunks.Length, RtcpPacketType.SourceDescription, length);
        int position = RtcpHeader.Length;
        foreach (var chunk in chunks)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], chunk.Ssrc);
            destination[position + SsrcLength] = (byte)SdesItemType.Cname;
            int written = Encoding.UTF8.GetBytes(chunk.Cname, destination[(position + SsrcLength + ItemHeaderLength)..]);
            destination[position + SsrcLength + 1] = (byte)written;
            position += GetChunkSize(written);
        }

        bytesWritten = length;
        return true;
    }
}
