using Confab.Rtc.Rtcp;
using Confab.Sfu.Routing;

namespace Confab.Sfu.Transport;

/// <summary>RTCP of a transport: feedback from subscribers, reports both ways (RFC 3550 §6, RFC 4585 §6).</summary>
public sealed partial class WebRtcTransport
{
    private const long ReportIntervalMs = 1000;
    private const int MaxReportsPerPacket = 31;
    private const int MaxSenderReportsPerCompound = 20;
    private const int MaxNackedPerPacket = 1024;
    private const int FeedbackBufferSize = 64;

    private readonly uint _rtcpSsrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    private long _nextReportMs;

    /// <summary>Key-frame requests sent to the publisher (PLI).</summary>
    public long KeyFrameRequestsSent { get; private set; }

    internal void OnRtcp(Span<byte> datagram, long nowMs, Span<byte> scratch)
    {
        if (!TryUnprotect(datagram, rtcp: true, out int plainLength))
        {
            return;
        }
        _worker.Capture?.Write("rtcp", datagram[..plainLength]);
        var reader = new RtcpCompoundReader(datagram[..plainLength]);
        while (reader.TryReadNext(out RtcpPacket packet))
        {
            OnRtcpPacket(packet, nowMs, scratch);
        }
        if (reader.IsMalformed)
        {
            _worker.Counters.DroppedMalformedField++;
        }
    }

    /// <summary>IKeyFrameRequester: a PLI (RFC 4585 §6.3.1) in a compound with an empty receiver report.</summary>
    public void RequestKeyFrame(uint mediaSsrc)
    {
        Span<byte> buffer = stackalloc byte[FeedbackBufferSize];
        if (ReceiverReport.TryWrite(buffer, _rtcpSsrc, [], out int rrLength)
            && new PictureLossIndication(_rtcpSsrc, mediaSsrc).TryWrite(buffer[rrLength..], out int pliLength))
        {
            KeyFrameRequestsSent++;
            SendRtcp(buffer, rrLength + pliLength);
        }
    }

    private void OnRtcpPacket(RtcpPacket packet, long nowMs, Span<byte> scratch)
    {
        switch (packet.Type)
        {
            case RtcpPacketType.SenderReport when SenderReport.TryRead(packet, out var sr):
                if (_producersBySsrc.TryGetValue(sr.SenderSsrc, out var producer))
                {
                    producer.Reception.OnSenderReport(sr.Info.NtpTimestamp, nowMs);
                }
                break;
            case RtcpPacketType.PayloadFeedback when packet.Format == PayloadFeedbackFormat.PictureLossIndication
                && PictureLossIndication.TryRead(packet, out var pli):
                if (_consumersBySsrc.TryGetValue(pli.MediaSsrc, out var consumer))
                {
                    consumer.OnKeyFrameRequest(nowMs);
                }
                break;
            case RtcpPacketType.PayloadFeedback when packet.Format == PayloadFeedbackFormat.FullIntraRequest
                && FullIntraRequest.TryRead(packet, out var fir):
                OnFullIntraRequest(fir, nowMs);
                break;
            case RtcpPacketType.TransportFeedback when packet.Format == TransportFeedbackFormat.GenericNack
                && GenericNack.TryRead(packet, out var nack):
                OnNack(nack, scratch);
                break;
            default:
                break; // receiver reports, SDES, BYE, REMB, transport-cc: not acted upon yet
        }
    }

    private void OnFullIntraRequest(in FullIntraRequest fir, long nowMs)
    {
        for (int i = 0; i < fir.EntryCount; i++)
        {
            if (_consumersBySsrc.TryGetValue(fir.GetEntry(i).Ssrc, out var consumer))
            {
                consumer.OnKeyFrameRequest(nowMs);
            }
        }
    }

    // RFC 4585 §6.2.1: each lost 16-bit sequence number is extended against the highest one this consumer sent.
    private void OnNack(in GenericNack nack, Span<byte> scratch)
    {
        if (!_consumersBySsrc.TryGetValue(nack.MediaSsrc, out var consumer))
        {
            return;
        }
        Span<ushort> lost = stackalloc ushort[MaxNackedPerPacket];
        nack.TryExpand(lost, out int count);
        long highest = consumer.HighestSentSequence;
        for (int i = 0; i < count; i++)
        {
            long extended = highest + unchecked((short)(lost[i] - (ushort)highest));
            consumer.OnNack(extended, scratch);
        }
    }

    private void SendReports(long nowMs, Span<byte> scratch)
    {
        if (nowMs < _nextReportMs)
        {
            return;
        }
        _nextReportMs = nowMs + ReportIntervalMs;
        SendReceiverReports(nowMs, scratch);
        SendSenderReports(nowMs, scratch);
    }

    private void SendReceiverReports(long nowMs, Span<byte> scratch)
    {
        Span<ReceptionReport> reports = stackalloc ReceptionReport[MaxReportsPerPacket];
        int count = 0;
        foreach (var producer in _producersBySsrc.Values)
        {
            if (count < MaxReportsPerPacket && producer.Reception.TryBuildReport(producer.Ssrc, nowMs, out var report))
            {
                reports[count++] = report;
            }
        }
        if (count > 0 && ReceiverReport.TryWrite(scratch, _rtcpSsrc, reports[..count], out int length))
        {
            SendRtcp(scratch, length);
        }
    }

    private void SendSenderReports(long nowMs, Span<byte> scratch)
    {
        ulong ntp = NtpClock.FromUnixMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        int length = 0;
        int inCompound = 0;
        foreach (var consumer in _consumersBySsrc.Values)
        {
            if (consumer.PacketsSent == 0)
            {
                continue;
            }
            long elapsedUnits = (nowMs - consumer.LastSentMs) * consumer.Producer.Options.ClockRate / 1000;
            var info = new SenderInfo(ntp, unchecked(consumer.LastRtpTimestamp + (uint)elapsedUnits),
                unchecked((uint)consumer.PacketsSent), unchecked((uint)consumer.OctetsSent));
            if (!SenderReport.TryWrite(scratch[length..], consumer.Ssrc, info, [], out int written))
            {
                break;
            }
            length += written;
            if (++inCompound == MaxSenderReportsPerCompound)
            {
                SendRtcp(scratch, length);
                length = 0;
                inCompound = 0;
            }
        }
        if (length > 0)
        {
            SendRtcp(scratch, length);
        }
    }
}
