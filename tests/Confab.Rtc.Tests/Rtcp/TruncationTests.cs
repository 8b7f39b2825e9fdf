using Confab.Rtc.Rtcp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class TruncationTests
{
    private delegate bool Parser(ReadOnlySpan<byte> data);

    private static readonly TransportCcPacketStatus[] Statuses = new TransportCcPacketStatus[ushort.MaxValue];

    public static TheoryData<string> Samples => new() { "sr", "sr+block", "sdes", "nack", "remb", "twcc-run", "twcc-2bit", "twcc-1bit", "bye", "fir", "pli" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_truncation_of_a_valid_packet_is_rejected_by_its_parser(string name)
    {
        var (data, parse) = Sample(name);
        Assert.True(parse(data), $"{name} itself parses");
        for (int length = 0; length < data.Length; length++)
        {
            Assert.False(parse(data.AsSpan(0, length)), $"{name} cut to {length} bytes");
        }
    }

    [Fact]
    public void Sr_and_sdes_written_back_to_back_equal_the_chromium_compound()
    {
        var buffer = new byte[128];
        var info = new SenderInfo(0xe94a6b2c_5d800000, 90000, 300, 300000);
        Assert.True(SenderReport.TryWrite(buffer, RtcpSamples.ChromeSsrc, info, [], out int sr));
        Assert.True(SourceDescription.TryWrite(buffer.AsSpan(sr), [new(RtcpSamples.ChromeSsrc, RtcpSamples.ChromeCname)], out int sdes));

        Assert.Equal(Hex.Of(RtcpSamples.SenderReportAndSdes()), Hex.Of(buffer.AsSpan(0, sr + sdes)));
    }

    private static (byte[] Data, Parser Parse) Sample(string name) => name switch
    {
        "sr" => (RtcpSamples.SenderReportAndSdes()[..28], d => SenderReport.TryRead(d, out _)),
        "sr+block" => (RtcpSamples.SenderReportWithBlock(), d => SenderReport.TryRead(d, out _)),
        "sdes" => (RtcpSamples.SenderReportAndSdes()[28..], d => SourceDescription.TryRead(d, out _)),
        "nack" => (RtcpSamples.Nack(), d => GenericNack.TryRead(d, out _)),
        "remb" => (RtcpSamples.Remb(), d => ReceiverEstimatedMaxBitrate.TryRead(d, out _)),
        "twcc-run" => (RtcpSamples.TransportCcRunLength(), d => TransportCcFeedback.TryRead(d, Statuses, out _)),
        "twcc-2bit" => (RtcpSamples.TransportCcTwoBitVector(), d => TransportCcFeedback.TryRead(d, Statuses, out _)),
        "twcc-1bit" => (RtcpSamples.TransportCcOneBitVector(), d => TransportCcFeedback.TryRead(d, Statuses, out _)),
        "bye" => (Hex.Bytes("81 cb 0002 00000001 03 627965"), d => Goodbye.TryRead(d, out _)),
        "fir" => (Hex.Bytes("84 ce 0004 00000001 00000000 deadbeef 07000000"), d => FullIntraRequest.TryRead(d, out _)),
        "pli" => (Hex.Bytes("81 ce 0002 00000001 deadbeef"), d => PictureLossIndication.TryRead(d, out _)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
