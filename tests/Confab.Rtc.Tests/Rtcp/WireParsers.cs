using Confab.Rtc.Rtcp;
using Confab.Rtc.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

/// <summary>
/// Runs one input through every RTP and RTCP parser and checks the invariants that must hold
/// whatever the input. Scratch space is supplied by the caller so the run itself does not allocate.
/// </summary>
internal sealed class WireParsers
{
    private readonly TransportCcPacketStatus[] _statuses = new TransportCcPacketStatus[ushort.MaxValue];
    private readonly ushort[] _lost = new ushort[4096];
    private readonly byte[] _copy = new byte[2048];

    /// <summary>How many inputs some parser accepted: a fuzz run that never gets past the first check is worth little.</summary>
    public int Accepted { get; private set; }

    public void Exercise(ReadOnlySpan<byte> data)
    {
        ExerciseRtp(data);
        ExerciseRtcpCompound(data);
        ExerciseSinglePacketParsers(data);
    }

    private void ExerciseRtp(ReadOnlySpan<byte> data)
    {
        if (!RtpHeader.TryRead(data, out var header))
        {
            return;
        }

        Accepted++;
        Check(header.PayloadOffset + header.PayloadLength + header.PaddingLength == data.Length, "RTP lengths add up");
        Check(header.PayloadLength >= 0 && header.PayloadOffset >= RtpHeader.FixedHeaderLength, "RTP payload in range");
        for (int i = 0; i < header.CsrcCount; i++)
        {
            header.GetCsrc(data, i);
        }

        foreach (var element in RtpHeaderExtensions.Enumerate(data, header))
        {
            Check(element.ValueOffset + element.Value.Length <= header.ExtensionOffset + header.ExtensionLength, "element inside the block");
        }

        for (byte id = 1; id <= 15; id++)
        {
            AbsSendTimeExtension.TryRead(data, header, id, out _);
            TransportSequenceNumberExtension.TryRead(data, header, id, out _);
            AudioLevelExtension.TryRead(data, header, id, out _);
            SdesItemExtension.Matches(data, header, id, "0");
        }

        // Rewriting fields and extension values must never change the packet's structure.
        var copy = _copy.AsSpan(0, data.Length);
        data.CopyTo(copy);
        RtpPacketWriter.SetSequenceNumber(copy, 1);
        RtpPacketWriter.SetTimestamp(copy, 2);
        RtpPacketWriter.SetSsrc(copy, 3);
        RtpPacketWriter.SetPayloadType(copy, 127);
        RtpPacketWriter.SetMarker(copy, true);
        TransportSequenceNumberExtension.TryRewrite(copy, header, 3, 0xffff);
        AbsSendTimeExtension.TryRewrite(copy, header, 2, 0xffffff);
        Check(RtpHeader.TryRead(copy, out var rewritten), "rewritten packet still parses");
        Check(rewritten.PayloadOffset == header.PayloadOffset && rewritten.PayloadLength == header.PayloadLength, "rewrite keeps the layout");
    }

    private void ExerciseRtcpCompound(ReadOnlySpan<byte> data)
    {
        var reader = new RtcpCompoundReader(data);
        int consumed = 0;
        while (reader.TryReadNext(out var packet))
        {
            Accepted++;
            consumed += packet.Packet.Length;
            Check(packet.Packet.Length >= RtcpHeader.Length && packet.Body.Length <= packet.Packet.Length - RtcpHeader.Length, "RTCP packet bounds");
            ExercisePacket(packet);
        }

        Check(consumed == reader.Position && consumed <= data.Length, "reader position");
        Check(reader.IsMalformed || consumed == data.Length, "stops only at the end or at a failure");
    }

    private void ExercisePacket(RtcpPacket packet)
    {
        if (SenderReport.TryRead(packet, out var sr))
        {
            for (int i = 0; i < sr.ReportCount; i++)
            {
                sr.GetReport(i);
            }
        }

        if (ReceiverReport.TryRead(packet, out var rr))
        {
            for (int i = 0; i < rr.ReportCount; i++)
            {
                rr.GetReport(i);
            }
        }

        if (SourceDescription.TryRead(packet, out var sdes))
        {
            int chunks = 0;
            foreach (var chunk in sdes)
            {
                chunks++;
                chunk.TryFindItem(SdesItemType.Mid, out _);
                Check(chunk.Cname.Length <= SourceDescription.MaxItemTextLength, "CNAME length");
            }

            Check(chunks == sdes.ChunkCount, "every validated chunk enumerates");
        }

        if (Goodbye.TryRead(packet, out var bye))
        {
            for (int i = 0; i < bye.SourceCount; i++)
            {
                bye.GetSource(i);
            }
        }

        if (GenericNack.TryRead(packet, out var nack))
        {
            bool fits = nack.LostCount <= _lost.Length;
            Check(nack.TryExpand(_lost, out int written) == fits, "NACK expansion fits when counted to fit");
            Check(!fits || written == nack.LostCount, "NACK expands to its count");
        }

        PictureLossIndication.TryRead(packet, out _);
        if (FullIntraRequest.TryRead(packet, out var fir))
        {
            for (int i = 0; i < fir.EntryCount; i++)
            {
                fir.GetEntry(i);
            }
        }

        if (ReceiverEstimatedMaxBitrate.TryRead(packet, out var remb))
        {
            for (int i = 0; i < remb.SsrcCount; i++)
            {
                remb.GetSsrc(i);
            }
        }

        if (TransportCcFeedback.TryRead(packet, _statuses, out var feedback))
        {
            Check(feedback.PacketStatusCount > 0, "TWCC count");
            Check(_statuses[0].SequenceNumber == feedback.BaseSequenceNumber, "TWCC numbering");
        }

        TransportCcFeedback.TryRead(packet, _statuses.AsSpan(0, 16), out _);
    }

    private void ExerciseSinglePacketParsers(ReadOnlySpan<byte> data)
    {
        SenderReport.TryRead(data, out _);
        ReceiverReport.TryRead(data, out _);
        SourceDescription.TryRead(data, out _);
        Goodbye.TryRead(data, out _);
        GenericNack.TryRead(data, out _);
        PictureLossIndication.TryRead(data, out _);
        FullIntraRequest.TryRead(data, out _);
        ReceiverEstimatedMaxBitrate.TryRead(data, out _);
        TransportCcFeedback.TryRead(data, _statuses, out _);
        ReceptionReport.TryRead(data, out _);
        AbsSendTimeExtension.TryParse(data, out _);
        TransportSequenceNumberExtension.TryParse(data, out _);
        AudioLevelExtension.TryParse(data, out _);
        SdesItemExtension.IsValidRid(data);
        SdesItemExtension.IsValidMid(data);
    }

    private static void Check(bool condition, string invariant)
    {
        if (!condition)
        {
            Assert.Fail(invariant);
        }
    }
}
