using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// RFC 3550 §6.4.2 — RR: receiver report
//
//         0                   1                   2                   3
//         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// header |V=2|P|    RC   |   PT=RR=201   |             length            |
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//        |                     SSRC of packet sender                     |
//        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
// report |                 report blocks (RC × 24 bytes)                 |
//        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
//        |                  profile-specific extensions                  |
//        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

/// <summary>A parsed RR: the reporter's SSRC and its report blocks, read on demand.</summary>
public readonly ref struct ReceiverReport
{
    private const int SenderSsrcOffset = 0;
    private const int ReportsOffset = 4; // from the start of the body

    private readonly ReadOnlySpan<byte> _reports;

    private ReceiverReport(uint senderSsrc, int reportCount, ReadOnlySpan<byte> reports, ReadOnlySpan<byte> extensions)
    {
        SenderSsrc = senderSsrc;
        ReportCount = reportCount;
        _reports = reports;
        ProfileExtensions = extensions;
    }

    public uint SenderSsrc { get; }

    public int ReportCount { get; }

    public ReadOnlySpan<byte> ProfileExtensions { get; }

    public ReceptionReport GetReport(int index) =>
        (uint)index < (uint)ReportCount ? ReceptionReport.Read(_reports[(index * ReceptionReport.Length)..]) : default;

    public static int GetMarshalSize(int reportCount) => RtcpHeader.Length + ReportsOffset + (reportCount * ReceptionReport.Length);

    public static bool TryRead(ReadOnlySpan<byte> data, out ReceiverReport report)
    {
        report = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.ReceiverReport, out var packet) && TryRead(packet, out report);
    }

    public static bool TryRead(RtcpPacket packet, out ReceiverReport report)
    {
        report = default;
        var body = packet.Body;
        int reportsLength = packet.Count * ReceptionReport.Length;
        if (packet.Type != RtcpPacketType.ReceiverReport || body.Length < ReportsOffset + reportsLength)
        {
            return false;
        }

        report = new ReceiverReport(
            BinaryPrimitives.ReadUInt32BigEndian(body[SenderSsrcOffset..]),
            packet.Count,
            body.Slice(ReportsOffset, reportsLength),
            body[(ReportsOffset + reportsLength)..]);
        return true;
    }

    public static bool TryWrite(Span<byte> destination, uint senderSsrc, ReadOnlySpan<ReceptionReport> reports, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetMarshalSize(reports.Length);
        if (reports.Length > RtcpHeader.MaxCount || destination.Length < length)
        {
            return false;
        }

        RtcpHeader.Write(destination, reports.Length, RtcpPacketType.ReceiverReport, length);
        var body = destination[RtcpHeader.Length..];
        BinaryPrimitives.WriteUInt32BigEndian(body[SenderSsrcOffset..], senderSsrc);
        for (int i = 0; i < reports.Length; i++)
        {
            reports[i].TryWrite(body[(ReportsOffset + (i * ReceptionReport.Length))..]);
        }

        bytesWritten = length;
        return true;
    }
}
