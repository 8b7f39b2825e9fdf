using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 3550 §6.4.1 — SR: sender report
//
//         0                   1                   2                   3
//         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// header |V=2|P|    RC   |   PT=SR=200   |             length            |
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//        |                         SSRC of sender                        |
//        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// sender |              NTP timestamp, most significant word             |
// info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//        |             NTP timestamp, least significant word             |
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//        |                         RTP timestamp                         |
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//        |                     sender's packet count                     |
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//        |                      sender's octet count                     |
//        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// report |                 report blocks (RC × 24 bytes)                 |
//        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
//        |                  profile-specific extensions                  |
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A parsed SR: sender SSRC, sender info and its report blocks, read on demand.</summary>
public readonly ref struct SenderReport
{
    private const int SenderSsrcOffset = 0;
    private const int NtpOffset = 4;
    private const int RtpTimestampOffset = 12;
    private const int PacketCountOffset = 16;
    private const int OctetCountOffset = 20;
    private const int ReportsOffset = 24; // from the start of the body

    private readonly ReadOnlySpan<byte> _reports;

    private SenderReport(uint senderSsrc, SenderInfo info, int reportCount, ReadOnlySpan<byte> reports, ReadOnlySpan<byte> extensions)
    {
        SenderSsrc = senderSsrc;
        Info = info;
        ReportCount = reportCount;
        _reports = reports;
        ProfileExtensions = extensions;
    }

    public uint SenderSsrc { get; }

    public SenderInfo Info { get; }

    public int ReportCount { get; }

    public ReadOnlySpan<byte> ProfileExtensions { get; }

    /// <summary>The report block at <paramref name="index"/> (0 ≤ index &lt; <see cref="ReportCount"/>).</summary>
    public ReceptionReport GetReport(int index) =>
        (uint)index < (uint)ReportCount ? ReceptionReport.Read(_reports[(index * ReceptionReport.Length)..]) : default;

    public static int GetMarshalSize(int reportCount) => RtcpHeader.Length + ReportsOffset + (reportCount * ReceptionReport.Length);

    public static bool TryRead(ReadOnlySpan<byte> data, out SenderReport report)
    {
        report = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.SenderReport, out var packet) && TryRead(packet, out report);
    }

    public static bool TryRead(RtcpPacket packet, out SenderReport report)
    {
        report = default;
        var body = packet.Body;
        int reportsLength = packet.Count * ReceptionReport.Length;
        if (packet.Type != RtcpPacketType.SenderReport || body.Length < ReportsOffset + reportsLength)
        {
            return false;
        }

        var info = new SenderInfo(
            BinaryPrimitives.ReadUInt64BigEndian(body[NtpOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[RtpTimestampOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[PacketCountOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[OctetCountOffset..]));
        report = new SenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(body[SenderSsrcOffset..]),
            info,
            packet.Count,
            body.Slice(ReportsOffset, reportsLength),
            body[(ReportsOffset + reportsLength)..]);
        return true;
    }

    /// <summary>Writes an SR with up to 31 report blocks and no profile extensions.</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, in SenderInfo info, ReadOnlySpan<ReceptionReport> reports, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetMarshalSize(reports.Length);
        if (reports.Length > RtcpHeader.MaxCount || destination.Length < length)
        {
            return false;
        }

        RtcpHeader.Write(destination, reports.Length, RtcpPacketType.SenderReport, length);
        var body = destination[RtcpHeader.Length..];
        BinaryPrimitives.WriteUInt32BigEndian(body[SenderSsrcOffset..], senderSsrc);
        BinaryPrimitives.WriteUInt64BigEndian(body[NtpOffset..], info.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body[RtpTimestampOffset..], info.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body[PacketCountOffset..], info.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(body[OctetCountOffset..], info.OctetCount);
        for (int i = 0; i < reports.Length; i++)
        {
            reports[i].TryWrite(body[(ReportsOffset + (i * ReceptionReport.Length))..]);
        }

        bytesWritten = length;
        return true;
    }
}
