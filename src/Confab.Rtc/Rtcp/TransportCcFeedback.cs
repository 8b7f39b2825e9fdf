using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1 — transport-wide feedback (RTPFB, FMT=15)
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P|  FMT=15 |    PT=205     |           length              |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                     SSRC of packet sender                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      SSRC of media source                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |      base sequence number     |      packet status count      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                 reference time                | fb pkt. count |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          packet chunk         |         packet chunk          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// .                                                               .
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |         packet chunk          |  recv delta   |  recv delta   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// .                                                               .
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           recv delta          |  recv delta   | zero padding  |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// reference time: 24 bits, multiples of 64 ms. Chunks (see TransportCcChunk) give a symbol
// per packet from the base sequence number on; each received packet then has a receive delta,
// 1 byte unsigned (small) or 2 bytes signed (large), in 250 µs ticks.

/// <summary>
/// A parsed transport-cc feedback header. <see cref="TryRead(RtcpPacket, Span{TransportCcPacketStatus}, out TransportCcFeedback)"/>
/// also decodes every packet status into a caller span: the work is bounded by that span and the
/// packet's own bytes, never by the counts the packet claims.
/// </summary>
public readonly record struct TransportCcFeedback(
    uint SenderSsrc,
    uint MediaSsrc,
    ushort BaseSequenceNumber,
    ushort PacketStatusCount,
    uint ReferenceTime,
    byte FeedbackPacketCount)
{
    public const int ReferenceTimeMicrosecondsPerUnit = 64_000;
    public const uint ReferenceTimeMask = 0xFF_FFFF;
    internal const int BaseSequenceOffset = 0; // from the start of the FCI
    internal const int StatusCountOffset = 2;
    internal const int ReferenceTimeOffset = 4;
    internal const int FeedbackCountOffset = 7;
    internal const int ChunksOffset = 8;

    /// <summary>The reference time in microseconds of the sender's clock, modulo 2^24 × 64 ms.</summary>
    public long ReferenceTimeMicroseconds => ReferenceTime * (long)ReferenceTimeMicrosecondsPerUnit;

    public static bool TryRead(ReadOnlySpan<byte> data, Span<TransportCcPacketStatus> statuses, out TransportCcFeedback feedback)
    {
        feedback = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.TransportFeedback, out var packet) && TryRead(packet, statuses, out feedback);
    }

    /// <summary>Reads the fixed fields only, without decoding the statuses.</summary>
    public static bool TryReadHeader(RtcpPacket packet, out TransportCcFeedback feedback)
    {
        feedback = default;
        if (!FeedbackHeader.TryRead(packet, RtcpPacketType.TransportFeedback, TransportFeedbackFormat.TransportCc, out uint sender, out uint media, out var fci)
            || fci.Length < ChunksOffset + TransportCcChunk.Length)
        {
            return false;
        }

        feedback = new TransportCcFeedback(
            sender,
            media,
            BinaryPrimitives.ReadUInt16BigEndian(fci[BaseSequenceOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(fci[StatusCountOffset..]),
            (uint)((fci[ReferenceTimeOffset] << 16) | (fci[ReferenceTimeOffset + 1] << 8) | fci[ReferenceTimeOffset + 2]),
            fci[FeedbackCountOffset]);
        return true;
    }

    /// <summary>
    /// Reads the feedback and writes its <see cref="PacketStatusCount"/> statuses, in sequence
    /// order, to the start of <paramref name="statuses"/>. False when the count is zero or larger
    /// than the span, a chunk is broken (reserved symbol, empty run), or the chunks or receive
    /// deltas run past the packet.
    /// </summary>
    public static bool TryRead(RtcpPacket packet, Span<TransportCcPacketStatus> statuses, out TransportCcFeedback feedback)
    {
        if (!TryReadHeader(packet, out feedback))
        {
            return false;
        }

        int count = feedback.PacketStatusCount;
        if (count == 0 || count > statuses.Length)
        {
            feedback = default;
            return false;
        }

        var fci = packet.Body[FeedbackHeader.SsrcsLength..];
        var target = statuses[..count];
        int position = ChunksOffset;
        int decoded = 0;
        while (decoded < count)
        {
            if (position + TransportCcChunk.Length > fci.Length)
            {
                feedback = default;
                return false;
            }

            ushort chunk = BinaryPrimitives.ReadUInt16BigEndian(fci[position..]);
            position += TransportCcChunk.Length;
            ushort first = unchecked((ushort)(feedback.BaseSequenceNumber + decoded));
            if (!TransportCcChunk.TryDecode(chunk, target[decoded..], first, out int n))
            {
                feedback = default;
                return false;
            }

            decoded += n;
        }

        for (int i = 0; i < count; i++)
        {
            var status = target[i];
            short delta;
            switch (status.Symbol)
            {
                case TransportCcSymbol.ReceivedSmallDelta:
                    if (position + 1 > fci.Length)
                    {
                        feedback = default;
                        return false;
                    }

                    delta = fci[position];
                    position += 1;
                    break;
                case TransportCcSymbol.ReceivedLargeDelta:
                    if (position + 2 > fci.Length)
                    {
                        feedback = default;
                        return false;
                    }

                    delta = BinaryPrimitives.ReadInt16BigEndian(fci[position..]);
                    position += 2;
                    break;
                default:
                    continue;
            }

            target[i] = status with { DeltaTicks = delta };
        }

        return true;
    }
}
