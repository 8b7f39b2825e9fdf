using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 5104 §4.3.1 — Full Intra Request (PSFB, FMT=4). "SSRC of media source" is unused
// (set to 0); the FCI holds one entry per requested source:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                              SSRC                             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// | Seq nr.       |    Reserved                                   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Seq nr. increases by one per new request to the same source (modulo 256).

/// <summary>One FIR entry: the source asked for a decoder refresh point, and the command sequence number.</summary>
public readonly record struct FirEntry(uint Ssrc, byte SequenceNumber);

/// <summary>A parsed FIR with its entries read on demand.</summary>
public readonly ref struct FullIntraRequest
{
    public const int EntryLength = 8;
    private const int SequenceNumberOffset = 4;

    private readonly ReadOnlySpan<byte> _entries;

    private FullIntraRequest(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> entries)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _entries = entries;
    }

    public uint SenderSsrc { get; }

    public uint MediaSsrc { get; }

    public int EntryCount => _entries.Length / EntryLength;

    public FirEntry GetEntry(int index)
    {
        if ((uint)index >= (uint)EntryCount)
        {
            return default;
        }

        var entry = _entries[(index * EntryLength)..];
        return new FirEntry(BinaryPrimitives.ReadUInt32BigEndian(entry), entry[SequenceNumberOffset]);
    }

    public static bool TryRead(ReadOnlySpan<byte> data, out FullIntraRequest fir)
    {
        fir = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.PayloadFeedback, out var packet) && TryRead(packet, out fir);
    }

    /// <summary>False unless PSFB FMT=4 with at least one whole entry.</summary>
    public static bool TryRead(RtcpPacket packet, out FullIntraRequest fir)
    {
        fir = default;
        if (!FeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, PayloadFeedbackFormat.FullIntraRequest, out uint sender, out uint media, out var fci)
            || fci.Length < EntryLength)
        {
            return false;
        }

        fir = new FullIntraRequest(sender, media, fci[..(fci.Length / EntryLength * EntryLength)]);
        return true;
    }

    public static int GetMarshalSize(int entryCount) => FeedbackHeader.Length + (entryCount * EntryLength);

    public static bool TryWrite(Span<byte> destination, uint senderSsrc, ReadOnlySpan<FirEntry> entries, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetMarshalSize(entries.Length);
        if (entries.IsEmpty || destination.Length < length || length > RtcpHeader.MaxPacketLength)
        {
            return false;
        }

        var fci = FeedbackHeader.Write(destination, RtcpPacketType.PayloadFeedback, PayloadFeedbackFormat.FullIntraRequest, length, senderSsrc, 0);
        fci.Clear();
        for (int i = 0; i < entries.Length; i++)
        {
            var entry = fci[(i * EntryLength)..];
            BinaryPrimitives.WriteUInt32BigEndian(entry, entries[i].Ssrc);
            entry[SequenceNumberOffset] = entries[i].SequenceNumber;
        }

        bytesWritten = length;
        return true;
    }
}
