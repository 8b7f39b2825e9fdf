using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 4585 §6.2.1 — Generic NACK (RTPFB, FMT=1); the FCI holds one or more of:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |            PID                |             BLP               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// PID: a lost packet's sequence number. BLP: bit i (least significant first) set means
// PID + i + 1 is lost too.

/// <summary>A parsed generic NACK: the (PID, BLP) pairs, expandable to the lost sequence numbers.</summary>
public readonly ref struct GenericNack
{
    public const int PairLength = 4;
    private const int BitmaskBits = 16;

    private readonly ReadOnlySpan<byte> _pairs;

    private GenericNack(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> pairs)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _pairs = pairs;
    }

    public uint SenderSsrc { get; }

    public uint MediaSsrc { get; }

    public int PairCount => _pairs.Length / PairLength;

    /// <summary>Number of sequence numbers <see cref="TryExpand"/> writes.</summary>
    public int LostCount
    {
        get
        {
            int count = 0;
            for (int i = 0; i < PairCount; i++)
            {
                count += 1 + System.Numerics.BitOperations.PopCount(BinaryPrimitives.ReadUInt16BigEndian(_pairs[((i * PairLength) + 2)..]));
            }

            return count;
        }
    }

    public (ushort PacketId, ushort LostBitmask) GetPair(int index)
    {
        if ((uint)index >= (uint)PairCount)
        {
            return default;
        }

        var pair = _pairs[(index * PairLength)..];
        return (BinaryPrimitives.ReadUInt16BigEndian(pair), BinaryPrimitives.ReadUInt16BigEndian(pair[2..]));
    }

    /// <summary>
    /// Writes every lost sequence number, pair by pair, into <paramref name="destination"/>.
    /// False (with what fitted written) when the destination is too small; at most 17 per pair.
    /// </summary>
    public bool TryExpand(Span<ushort> destination, out int written)
    {
        written = 0;
        for (int i = 0; i < PairCount; i++)
        {
            var (pid, blp) = GetPair(i);
            if (written >= destination.Length)
            {
                return false;
            }

            destination[written++] = pid;
            for (int bit = 0; bit < BitmaskBits; bit++)
            {
                if ((blp & (1 << bit)) == 0)
                {
                    continue;
                }

                if (written >= destination.Length)
                {
                    return false;
                }

                destination[written++] = unchecked((ushort)(pid + bit + 1));
            }
        }

        return true;
    }

    public static bool TryRead(ReadOnlySpan<byte> data, out GenericNack nack)
    {
        nack = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.TransportFeedback, out var packet) && TryRead(packet, out nack);
    }

    /// <summary>False unless RTPFB FMT=1 with both SSRCs and at least one whole pair.</summary>
    public static bool TryRead(RtcpPacket packet, out GenericNack nack)
    {
        nack = default;
        if (!FeedbackHeader.TryRead(packet, RtcpPacketType.TransportFeedback, TransportFeedbackFormat.GenericNack, out uint sender, out uint media, out var fci)
            || fci.Length < PairLength)
        {
            return false;
        }

        nack = new GenericNack(sender, media, fci[..(fci.Length / PairLength * PairLength)]);
        return true;
    }

    /// <summary>
    /// Pairs needed for <paramref name="lost"/>: a new pair starts whenever a sequence number is
    /// not within 1..16 after the current PID. Give them in ascending (wrap-aware) order for the
    /// fewest pairs; duplicates of the PID cost nothing.
    /// </summary>
    public static int CountPairs(ReadOnlySpan<ushort> lost)
    {
        if (lost.IsEmpty)
        {
            return 0;
        }

        int pairs = 1;
        ushort pid = lost[0];
        for (int i = 1; i < lost.Length; i++)
        {
            int distance = unchecked((ushort)(lost[i] - pid));
            if (distance <= BitmaskBits)
            {
                continue;
            }

            pairs++;
            pid = lost[i];
        }

        return pairs;
    }

    public static int GetMarshalSize(ReadOnlySpan<ushort> lost) => FeedbackHeader.Length + (CountPairs(lost) * PairLength);

    /// <summary>Builds a NACK asking for every sequence number in <paramref name="lost"/> (non-empty).</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lost, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetMarshalSize(lost);
        if (lost.IsEmpty || destination.Length < length || length > RtcpHeader.MaxPacketLength)
        {
            return false;
        }

        var fci = FeedbackHeader.Write(destination, RtcpPacketType.TransportFeedback, TransportFeedbackFormat.GenericNack, length, senderSsrc, mediaSsrc);
        int position = 0;
        ushort pid = lost[0];
        ushort blp = 0;
        for (int i = 1; i < lost.Length; i++)
        {
            int distance = unchecked((ushort)(lost[i] - pid));
            if (distance == 0)
            {
                continue;
            }

            if (distance <= BitmaskBits)
            {
                blp |= (ushort)(1 << (distance - 1));
                continue;
            }

            WritePair(fci[position..], pid, blp);
            position += PairLength;
            pid = lost[i];
            blp = 0;
        }

        WritePair(fci[position..], pid, blp);
        bytesWritten = length;
        return true;
    }

    private static void WritePair(Span<byte> destination, ushort pid, ushort blp)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, pid);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], blp);
    }
}
