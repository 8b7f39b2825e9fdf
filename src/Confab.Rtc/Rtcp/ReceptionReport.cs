using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 3550 §6.4.1 — report block (in SR and RR)
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// |                 SSRC_1 (SSRC of first source)                 |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// | fraction lost |       cumulative number of packets lost       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |           extended highest sequence number received           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                      interarrival jitter                      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                         last SR (LSR)                         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                   delay since last SR (DLSR)                  |
// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+

/// <summary>
/// One reception report block. <see cref="CumulativeLost"/> is the 24-bit signed field
/// (duplicates can make it negative); <see cref="FractionLost"/> is lost/expected in 1/256.
/// </summary>
public readonly record struct ReceptionReport(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequenceNumber,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Length = 24;
    public const int MinCumulativeLost = -(1 << 23);
    public const int MaxCumulativeLost = (1 << 23) - 1;

    private const int SsrcOffset = 0;
    private const int FractionLostOffset = 4;
    private const int CumulativeLostOffset = 5;
    private const int ExtendedHighestOffset = 8;
    private const int JitterOffset = 12;
    private const int LastSenderReportOffset = 16;
    private const int DelaySinceLastSenderReportOffset = 20;

    public static bool TryRead(ReadOnlySpan<byte> data, out ReceptionReport report)
    {
        if (data.Length < Length)
        {
            report = default;
            return false;
        }

        report = Read(data);
        return true;
    }

    /// <summary>Reads a block from data known to hold at least <see cref="Length"/> bytes.</summary>
    internal static ReceptionReport Read(ReadOnlySpan<byte> data)
    {
        int lost = (data[CumulativeLostOffset] << 16) | (data[CumulativeLostOffset + 1] << 8) | data[CumulativeLostOffset + 2];
        if ((lost & 0x80_0000) != 0)
        {
            lost -= 1 << 24; // sign-extend the 24-bit field
        }

        return new ReceptionReport(
            BinaryPrimitives.ReadUInt32BigEndian(data[SsrcOffset..]),
            data[FractionLostOffset],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(data[ExtendedHighestOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[JitterOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[LastSenderReportOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[DelaySinceLastSenderReportOffset..]));
    }

    /// <summary>Writes the block; the cumulative loss is clamped to the 24-bit signed range.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            return false;
        }

        int lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SsrcOffset..], Ssrc);
        destination[FractionLostOffset] = FractionLost;
        destination[CumulativeLostOffset] = (byte)(lost >> 16);
        destination[CumulativeLostOffset + 1] = (byte)(lost >> 8);
        destination[CumulativeLostOffset + 2] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(destination[ExtendedHighestOffset..], ExtendedHighestSequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[JitterOffset..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[LastSenderReportOffset..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[DelaySinceLastSenderReportOffset..], DelaySinceLastSenderReport);
        return true;
    }
}
