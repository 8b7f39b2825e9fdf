using Confab.Rtc.Rtcp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

public class TransportCcFeedbackTests
{
    private readonly TransportCcPacketStatus[] _statuses = new TransportCcPacketStatus[ushort.MaxValue];

    [Fact]
    public void Reads_a_run_length_chunk_of_received_packets()
    {
        Assert.True(TransportCcFeedback.TryRead(RtcpSamples.TransportCcRunLength(), _statuses, out var feedback));

        Assert.Equal(new TransportCcFeedback(1, 0xdeadbeef, 100, 8, 500, 3), feedback);
        Assert.Equal(32_000_000, feedback.ReferenceTimeMicroseconds);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(new TransportCcPacketStatus((ushort)(100 + i), TransportCcSymbol.ReceivedSmallDelta, 4), _statuses[i]);
            Assert.Equal(1000, _statuses[i].DeltaMicroseconds);
        }
    }

    [Fact]
    public void Reads_a_two_bit_vector_with_a_loss_and_a_negative_large_delta()
    {
        Assert.True(TransportCcFeedback.TryRead(RtcpSamples.TransportCcTwoBitVector(), _statuses, out var feedback));

        Assert.Equal(new TransportCcFeedback(1, 0xdeadbeef, 200, 4, 0x123456, 5), feedback);
        Assert.Equal(
            new TransportCcPacketStatus[]
            {
                new(200, TransportCcSymbol.ReceivedSmallDelta, 16),
                new(201, TransportCcSymbol.NotReceived, 0),
                new(202, TransportCcSymbol.ReceivedLargeDelta, -4),
                new(203, TransportCcSymbol.ReceivedSmallDelta, 8),
            },
            _statuses[..4]);
        Assert.False(_statuses[1].Received);
        Assert.Equal(-1000, _statuses[2].DeltaMicroseconds);
    }

    [Fact]
    public void Reads_a_one_bit_vector_across_the_sequence_wrap()
    {
        Assert.True(TransportCcFeedback.TryRead(RtcpSamples.TransportCcOneBitVector(), _statuses, out var feedback));

        Assert.Equal(10, feedback.PacketStatusCount);
        ushort[] received = [65534, 65535, 1, 2, 3, 4, 7];
        Assert.Equal(received, _statuses[..10].Where(s => s.Received).Select(s => s.SequenceNumber).ToArray());
        Assert.Equal(new short[] { 1, 2, 3, 4, 5, 6, 7 }, _statuses[..10].Where(s => s.Received).Select(s => s.DeltaTicks).ToArray());
        Assert.Equal(new ushort[] { 0, 5, 6 }, _statuses[..10].Where(s => !s.Received).Select(s => s.SequenceNumber).ToArray());
    }

    [Fact]
    public void Writer_reproduces_the_chromium_shaped_samples()
    {
        // 8 packets, 1 ms apart, the first 1 ms after the 500th 64 ms reference unit.
        var runLength = Enumerable.Range(0, 8).Select(i => new TransportCcArrival(100 + i, 32_001_000 + (i * 1000L))).ToArray();
        AssertWrites(RtcpSamples.TransportCcRunLength(), feedbackCount: 3, baseSequence: 100, runLength);

        long reference = 0x123456L * 64_000;
        TransportCcArrival[] twoBit = [new(200, reference + 4000), new(202, reference + 3000), new(203, reference + 5000)];
        AssertWrites(RtcpSamples.TransportCcTwoBitVector(), feedbackCount: 5, baseSequence: 200, twoBit);

        TransportCcArrival[] oneBit = [new(65534, 250), new(65535, 750), new(65537, 1500), new(65538, 2500), new(65539, 3750), new(65540, 5250), new(65543, 7000)];
        AssertWrites(RtcpSamples.TransportCcOneBitVector(), feedbackCount: 0, baseSequence: 65534, oneBit);
    }

    [Fact]
    public void Packets_before_the_first_arrival_are_reported_lost()
    {
        TransportCcArrival[] arrivals = [new(1010, 1_000_000)];
        Assert.True(TransportCcFeedbackWriter.TryGetMarshalSize(1000, arrivals, out int size));
        var buffer = new byte[size];
        Assert.True(TransportCcFeedbackWriter.TryWrite(buffer, 1, 2, 0, 1000, arrivals, out _));
        Assert.True(TransportCcFeedback.TryRead(buffer, _statuses, out var feedback));
        Assert.Equal(11, feedback.PacketStatusCount);
        Assert.All(_statuses[..10], s => Assert.False(s.Received));
        Assert.True(_statuses[10].Received);
        Assert.Equal(1010, _statuses[10].SequenceNumber);
    }

    [Fact]
    public void Long_losses_use_several_run_length_chunks()
    {
        TransportCcArrival[] arrivals = [new(0, 0), new(20_000, 100_000), new(20_001, 100_250)];
        Assert.True(TransportCcFeedbackWriter.TryGetMarshalSize(0, arrivals, out int size));
        // 20 fixed; 5 chunks: a one-bit vector (1 received, 13 lost), runs of 8191, 8191 and 3604 lost,
        // a two-bit vector (large, small); deltas of 1 + 2 + 1 bytes; 2 bytes of padding
        Assert.Equal(20 + (5 * 2) + 4 + 2, size);
        var buffer = new byte[size];
        Assert.True(TransportCcFeedbackWriter.TryWrite(buffer, 1, 2, 0, 0, arrivals, out _));
        Assert.True(TransportCcFeedback.TryRead(buffer, _statuses, out var feedback));
        Assert.Equal(20_002, feedback.PacketStatusCount);
        Assert.Equal(3, _statuses[..20_002].Count(s => s.Received));
        Assert.Equal(400, _statuses[20_000].DeltaTicks);
        Assert.Equal(1, _statuses[20_001].DeltaTicks);
    }

    [Fact]
    public void Random_arrivals_round_trip_without_drift()
    {
        var random = new Random(12345);
        for (int round = 0; round < 200; round++)
        {
            var arrivals = new List<TransportCcArrival>();
            long sequence = random.Next(0, 100_000);
            long baseSequence = sequence - random.Next(0, 3);
            long time = random.NextInt64(1_000_000_000, 1L << 40);
            int count = random.Next(1, 400);
            for (int i = 0; i < count; i++)
            {
                arrivals.Add(new TransportCcArrival(sequence, time));
                sequence += random.Next(0, 10) == 0 ? random.Next(2, 50) : 1;
                time += random.Next(0, 20) == 0 ? random.Next(-5_000, 300_000) : random.Next(0, 20_000);
            }

            var span = arrivals.ToArray().AsSpan();
            int encodable = TransportCcFeedbackWriter.CountEncodable(baseSequence, span);
            Assert.InRange(encodable, 1, span.Length);
            span = span[..encodable];

            Assert.True(TransportCcFeedbackWriter.TryGetMarshalSize(baseSequence, span, out int size));
            var buffer = new byte[size];
            Assert.True(TransportCcFeedbackWriter.TryWrite(buffer, 5, 6, (byte)round, baseSequence, span, out int written));
            Assert.Equal(size, written);
            Assert.True(RtcpCompoundReader.IsWellFormed(buffer));
            Assert.True(TransportCcFeedback.TryRead(buffer, _statuses, out var feedback), $"round {round}");

            long unwrappedReference = span[0].ArrivalTimeMicroseconds / 64_000;
            long wrapOffsetTicks = (unwrappedReference - feedback.ReferenceTime) * 256; // the 24-bit field wraps
            long ticks = feedback.ReferenceTime * 256L;
            int next = 0;
            foreach (var status in _statuses.AsSpan(0, feedback.PacketStatusCount))
            {
                if (!status.Received)
                {
                    continue;
                }

                ticks += status.DeltaTicks;
                Assert.Equal((ushort)span[next].SequenceNumber, status.SequenceNumber);
                Assert.Equal((span[next].ArrivalTimeMicroseconds + 125) / 250, ticks + wrapOffsetTicks);
                next++;
            }

            Assert.Equal(span.Length, next);
        }
    }

    [Fact]
    public void Writer_limits()
    {
        var buffer = new byte[1024];
        Assert.Equal(0, TransportCcFeedbackWriter.CountEncodable(0, []));
        Assert.False(TransportCcFeedbackWriter.TryWrite(buffer, 1, 2, 0, 0, [], out _));

        // A gap of 9 s does not fit a signed 16-bit count of 250 µs.
        TransportCcArrival[] gap = [new(0, 0), new(1, 1_000), new(2, 9_001_000)];
        Assert.Equal(2, TransportCcFeedbackWriter.CountEncodable(0, gap));
        Assert.False(TransportCcFeedbackWriter.TryWrite(buffer, 1, 2, 0, 0, gap, out _));
        Assert.True(TransportCcFeedbackWriter.TryWrite(buffer, 1, 2, 0, 0, gap.AsSpan(0, 2), out _));

        TransportCcArrival[] unsorted = [new(5, 0), new(4, 1)];
        Assert.Equal(1, TransportCcFeedbackWriter.CountEncodable(0, unsorted));
        TransportCcArrival[] duplicate = [new(5, 0), new(5, 1)];
        Assert.Equal(1, TransportCcFeedbackWriter.CountEncodable(0, duplicate));
        Assert.Equal(0, TransportCcFeedbackWriter.CountEncodable(6, duplicate)); // base after the first arrival

        TransportCcArrival[] tooWide = [new(0, 0), new(65_534, 10), new(65_535, 20)];
        Assert.Equal(2, TransportCcFeedbackWriter.CountEncodable(0, tooWide));

        TransportCcArrival[] fine = [new(0, 0)];
        Assert.True(TransportCcFeedbackWriter.TryGetMarshalSize(0, fine, out int size));
        Assert.False(TransportCcFeedbackWriter.TryWrite(buffer.AsSpan(0, size - 1), 1, 2, 0, 0, fine, out _));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "status count 65535, chunks run out", "8f cd 0005 00000001 deadbeef 0000 ffff 000000 00 1fff 1fff" },
        { "status count 65535, empty run", "8f cd 0005 00000001 deadbeef 0000 ffff 000000 00 1fff 0000" },
        { "status count 0", "8f cd 0005 00000001 deadbeef 0000 0000 000000 00 2001 0000" },
        { "run length with reserved symbol 11", "8f cd 0005 00000001 deadbeef 0000 0001 000000 00 6001 0000" },
        { "two-bit vector with reserved symbol 11", "8f cd 0005 00000001 deadbeef 0000 0001 000000 00 f000 0000" },
        { "8 small deltas announced, 2 present", "8f cd 0005 00000001 deadbeef 0064 0008 000000 00 2008 0404" },
        { "large delta cut by padding", "af cd 0005 00000001 deadbeef 0000 0001 000000 00 4001 ff 01" },
        { "no chunk at all", "8f cd 0004 00000001 deadbeef 0064 0001 000000 00" },
        { "no feedback header", "8f cd 0002 00000001 deadbeef" },
        { "wrong FMT", "81 cd 0005 00000001 deadbeef 0064 0001 000000 00 2001 0400" },
        { "length past the packet", "8f cd 0009 00000001 deadbeef 0064 0001 000000 00 2001 0400" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_feedback_is_rejected(string name, string hex)
    {
        Assert.False(TransportCcFeedback.TryRead(Hex.Bytes(hex), _statuses, out var feedback), name);
        Assert.Equal(default, feedback);
    }

    [Fact]
    public void Status_count_larger_than_the_callers_span_is_rejected()
    {
        var data = RtcpSamples.TransportCcRunLength(); // 8 statuses
        Assert.False(TransportCcFeedback.TryRead(data, new TransportCcPacketStatus[7], out _));
        Assert.True(TransportCcFeedback.TryRead(data, new TransportCcPacketStatus[8], out _));

        // A valid feedback claiming 65535 lost packets in 8 run-length chunks: only a caller
        // that offers room for them gets them decoded.
        var huge = Hex.Bytes(
            "8f cd 0009",                              // RTPFB FMT=15, 40 bytes
            "00000001 deadbeef",                       // sender, media
            "0000 ffff",                               // base 0, 65535 statuses
            "000000 00",                               // reference time, fb count
            "1fff 1fff 1fff 1fff 1fff 1fff 1fff 1fff", // 8 runs of 8191 lost
            "0007",                                    // 7 more lost: 65535
            "0000");                                   // alignment
        Assert.False(TransportCcFeedback.TryRead(huge, new TransportCcPacketStatus[1024], out _));
        Assert.True(TransportCcFeedback.TryRead(huge, _statuses, out var feedback));
        Assert.Equal(ushort.MaxValue, feedback.PacketStatusCount);
    }

    private void AssertWrites(byte[] expected, byte feedbackCount, long baseSequence, TransportCcArrival[] arrivals)
    {
        Assert.True(TransportCcFeedbackWriter.TryGetMarshalSize(baseSequence, arrivals, out int size));
        Assert.Equal(expected.Length, size);
        var buffer = new byte[size];
        Assert.True(TransportCcFeedbackWriter.TryWrite(buffer, 1, 0xdeadbeef, feedbackCount, baseSequence, arrivals, out int written));
        Assert.Equal(size, written);
        Assert.Equal(Hex.Of(expected), Hex.Of(buffer));
        Assert.True(TransportCcFeedback.TryRead(buffer, _statuses, out _));
    }
}
