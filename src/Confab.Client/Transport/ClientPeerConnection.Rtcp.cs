using Confab.Client.Receive;
using Confab.Rtc.Rtcp;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Transport;

/// <summary>
/// The receive path (SRTP/SRTCP unprotect, statistics, feedback from the SFU) and the reports we send:
/// an RR with a block per incoming stream every <see cref="ClientPeerConnectionOptions.ReportInterval"/>
/// (RFC 3550 §6.4.2), and a PLI (RFC 4585 §6.3.1) while a video stream has shown no key frame.
/// Runs on the socket's receive thread; the report buffer is reused.
/// </summary>
public sealed partial class ClientPeerConnection
{
    private const int RtcpBufferSize = 1200;
    private const int MaxBlocksPerReport = 31;
    private const int MaxNacksPerPacket = 64;

    private readonly byte[] _rtcpBuffer = new byte[RtcpBufferSize];
    private readonly ReceptionReport[] _blocks = new ReceptionReport[MaxBlocksPerReport];
    private readonly Dictionary<uint, (uint CompactNtp, long ArrivalTimestamp)> _lastSenderReports = [];
    private Random? _lossSimulation;
    private long _nextReport;
    private long _nextPli;

    private void OnRtp(Span<byte> datagram)
    {
        if (_srtpIn is null || !_srtpIn.TryUnprotectRtp(datagram, datagram.Length, out int length))
        {
            Counters.SrtpFailures++;
            return;
        }
        ReadOnlySpan<byte> packet = datagram[..length];
        if (!RtpHeader.TryRead(packet, out RtpHeader header))
        {
            Counters.DroppedDatagrams++;
            return;
        }
        Counters.RtpReceived++;
        if (_options.SimulatedReceiveLoss > 0 && !Incoming.IsRetransmission(header.PayloadType)
            && (_lossSimulation ??= new Random(_options.SimulatedLossSeed)).NextDouble() < _options.SimulatedReceiveLoss)
        {
            Counters.SimulatedDrops++;
            return;
        }
        Incoming.OnRtp(packet, header, NowUnixMicros());
    }

    private void OnRtcp(Span<byte> datagram)
    {
        if (_srtpIn is null || !_srtpIn.TryUnprotectRtcp(datagram, datagram.Length, out int length))
        {
            Counters.SrtpFailures++;
            return;
        }
        Counters.RtcpReceived++;
        var reader = new RtcpCompoundReader(datagram[..length]);
        while (reader.TryReadNext(out RtcpPacket packet))
        {
            switch (packet.Type)
            {
                case RtcpPacketType.SenderReport when SenderReport.TryRead(packet, out SenderReport report):
                    _lastSenderReports[report.SenderSsrc] = (ReceptionStatistics.CompactNtp(report.Info.NtpTimestamp), _time.GetTimestamp());
                    break;
                case RtcpPacketType.PayloadFeedback when PictureLossIndication.TryRead(packet, out PictureLossIndication pli):
                    Counters.PliReceived++;
                    RaiseKeyFrameRequested(pli.MediaSsrc);
                    break;
                case RtcpPacketType.PayloadFeedback when FullIntraRequest.TryRead(packet, out FullIntraRequest fir):
                    Counters.FirReceived++;
                    for (int i = 0; i < fir.EntryCount; i++)
                    {
                        RaiseKeyFrameRequested(fir.GetEntry(i).Ssrc);
                    }
                    break;
                case RtcpPacketType.TransportFeedback when packet.Format == TransportFeedbackFormat.GenericNack:
                    Counters.NackReceived++;
                    break;
            }
        }
    }

    private void RaiseKeyFrameRequested(uint ssrc)
    {
        try
        {
            KeyFrameRequested?.Invoke(ssrc);
        }
        catch (Exception)
        {
            // A failing subscriber must not break the receive loop.
        }
    }

    private void TickReports(long now)
    {
        SendNacks();
        if (now >= _nextPli)
        {
            _nextPli = now + Ticks(_options.PictureLossInterval);
            foreach (ReceiveStreamStats stream in Incoming.Streams)
            {
                if (stream.Kind == MediaKind.Video && !stream.HasKeyFrame)
                {
                    SendPictureLoss(stream.Ssrc);
                }
            }
        }
        if (now < _nextReport)
        {
            return;
        }
        _nextReport = now + Ticks(_options.ReportInterval);
        int count = 0;
        foreach (ReceiveStreamStats stream in Incoming.Streams)
        {
            uint lsr = 0, dlsr = 0;
            if (_lastSenderReports.TryGetValue(stream.Ssrc, out var sr))
            {
                lsr = sr.CompactNtp;
                dlsr = ReceptionStatistics.DelayToCompact(TimeSpan.FromSeconds((double)(now - sr.ArrivalTimestamp) / _time.TimestampFrequency));
            }
            _blocks[count++] = stream.BuildReport(lsr, dlsr);
            if (count == MaxBlocksPerReport)
            {
                SendReceiverReport(count);
                count = 0;
            }
        }
        SendReceiverReport(count);
    }

    private void SendReceiverReport(int blocks)
    {
        if (ReceiverReport.TryWrite(_rtcpBuffer, RtcpSsrc, _blocks.AsSpan(0, blocks), out int length) && SendRtcp(_rtcpBuffer.AsSpan(0, length)))
        {
            Counters.ReportsSent++;
        }
    }

    // RFC 4585 §6.2.1: Generic NACK for the video packets found missing.
    private void SendNacks()
    {
        Span<ushort> lost = stackalloc ushort[MaxNacksPerPacket];
        long nowMicros = NowUnixMicros();
        foreach (ReceiveStreamStats stream in Incoming.Streams)
        {
            if (stream.Kind != MediaKind.Video)
            {
                continue;
            }
            int count = stream.CollectNacks(lost, nowMicros);
            if (count > 0 && GenericNack.TryWrite(_rtcpBuffer, RtcpSsrc, stream.Ssrc, lost[..count], out int length)
                && SendRtcp(_rtcpBuffer.AsSpan(0, length)))
            {
                Counters.NackSent++;
            }
        }
    }

    private void SendPictureLoss(uint mediaSsrc)
    {
        if (new PictureLossIndication(RtcpSsrc, mediaSsrc).TryWrite(_rtcpBuffer, out int length) && SendRtcp(_rtcpBuffer.AsSpan(0, length)))
        {
            Counters.PliSent++;
        }
    }

    private long NowUnixMicros() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / (TimeSpan.TicksPerMillisecond / 1000);
}
