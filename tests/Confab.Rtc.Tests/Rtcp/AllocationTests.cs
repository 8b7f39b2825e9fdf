using Confab.Rtc.Rtcp;
using Confab.Rtc.Rtp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class AllocationTests
{
    private const int Iterations = 1000;

    [Fact]
    public void Per_packet_read_and_rewrite_path_does_not_allocate()
    {
        var rtp = RtpSamples.Vp8WithOneByteExtensions();
        var rtcp = RtcpSamples.SenderReportAndSdes().Concat(RtcpSamples.Nack()).Concat(RtcpSamples.Remb()).Concat(RtcpSamples.TransportCcRunLength()).ToArray();
        var statuses = new TransportCcPacketStatus[256];
        var lost = new ushort[64];
        var output = new byte[256];
        var state = new PathState();

        long checksum = RunPath(rtp, rtcp, statuses, lost, output, ref state); // warm up: JIT and statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            checksum += RunPath(rtp, rtcp, statuses, lost, output, ref state);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal((Iterations + 1) * ExpectedChecksumPerRun, checksum);
    }

    // RTP: header read, transport-wide seq read, mid matched, rewrites applied (4); RTCP: SR, SDES, NACK,
    // REMB and TWCC packets (5), 3 lost sequence numbers, 8 TWCC statuses; 2 packets written.
    private const long ExpectedChecksumPerRun = 1 + 1 + 1 + 1 + 5 + 3 + 8 + 1 + 1;

    private struct PathState
    {
        public SequenceUnwrapper Sequence;
        public TimestampUnwrapper Timestamp;
        public ushort OutgoingSequence;
    }

    private static long RunPath(byte[] rtp, byte[] rtcp, TransportCcPacketStatus[] statuses, ushort[] lost, byte[] output, ref PathState state)
    {
        long checksum = 0;

        // Receive: parse, find extensions, unwrap.
        if (RtpHeader.TryRead(rtp, out var header))
        {
            checksum++;
        }

        state.Sequence.Unwrap(header.SequenceNumber);
        state.Timestamp.Unwrap(header.Timestamp);
        if (TransportSequenceNumberExtension.TryRead(rtp, header, RtpSamples.TransportSequenceId, out _))
        {
            checksum++;
        }

        if (SdesItemExtension.Matches(rtp, header, RtpSamples.MidId, "0"))
        {
            checksum++;
        }

        foreach (var element in RtpHeaderExtensions.Enumerate(rtp, header))
        {
            _ = element.Id;
        }

        // Forward: rewrite for one subscriber.
        state.OutgoingSequence++;
        bool rewritten = RtpPacketWriter.SetSequenceNumber(rtp, state.OutgoingSequence)
            & RtpPacketWriter.SetTimestamp(rtp, header.Timestamp + 3000)
            & RtpPacketWriter.SetSsrc(rtp, 0xcafebabe)
            & RtpPacketWriter.SetPayloadType(rtp, 100)
            & RtpPacketWriter.SetMarker(rtp, true)
            & TransportSequenceNumberExtension.TryRewrite(rtp, header, RtpSamples.TransportSequenceId, state.OutgoingSequence)
            & AbsSendTimeExtension.TryRewrite(rtp, header, RtpSamples.AbsSendTimeId, AbsSendTimeExtension.FromMicroseconds(state.OutgoingSequence * 20_000L));
        if (rewritten)
        {
            checksum++;
        }

        // RTCP from a subscriber: walk the compound and parse what the SFU acts on.
        var reader = new RtcpCompoundReader(rtcp);
        while (reader.TryReadNext(out var packet))
        {
            checksum++;
            switch (packet.Type)
            {
                case RtcpPacketType.SenderReport when SenderReport.TryRead(packet, out var sr):
                    _ = sr.Info.NtpTimestamp;
                    break;
                case RtcpPacketType.SourceDescription when SourceDescription.TryRead(packet, out var sdes):
                    foreach (var chunk in sdes)
                    {
                        _ = chunk.Cname.Length;
                    }

                    break;
                case RtcpPacketType.TransportFeedback when GenericNack.TryRead(packet, out var nack):
                    nack.TryExpand(lost, out int lostCount);
                    checksum += lostCount;
                    break;
                case RtcpPacketType.TransportFeedback when TransportCcFeedback.TryRead(packet, statuses, out var feedback):
                    checksum += feedback.PacketStatusCount;
                    break;
                case RtcpPacketType.PayloadFeedback when ReceiverEstimatedMaxBitrate.TryRead(packet, out var remb):
                    _ = remb.BitrateBps;
                    break;
            }
        }

        // Answer with feedback of our own, written into a pooled buffer.
        if (GenericNack.TryWrite(output, 1, 2, lost.AsSpan(0, 3), out _))
        {
            checksum++;
        }

        if (new PictureLossIndication(1, 2).TryWrite(output, out _))
        {
            checksum++;
        }

        return checksum;
    }
}
