using Confab.Rtc.Rtcp;
using Confab.Rtc.Rtp;
using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

/// <summary>Random and mutated inputs through every parser: no exception, invariants hold.</summary>
public class ParserPropertyTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(12345);
        var parsers = new WireParsers();
        var buffer = new byte[1500];
        for (int i = 0; i < Iterations; i++)
        {
            var data = buffer.AsSpan(0, random.Next(0, 200));
            random.NextBytes(data);
            if (data.Length > 0 && random.Next(2) == 0)
            {
                data[0] = (byte)(0x80 | (data[0] & 0x3f)); // version 2, so parsers get past the first check
            }

            if (data.Length > 1 && random.Next(2) == 0)
            {
                data[1] = (byte)random.Next(200, 208); // a known RTCP packet type
            }

            parsers.Exercise(data);
        }

        Assert.True(parsers.Accepted > 1000, $"only {parsers.Accepted} inputs got past a header check");
    }

    [Fact]
    public void Mutated_valid_packets_never_throw()
    {
        byte[][] seeds =
        [
            RtpSamples.Vp8WithOneByteExtensions(),
            RtpSamples.OpusWithAudioLevel(),
            RtpSamples.TwoByteExtensionsCsrcsPadding(),
            RtcpSamples.SenderReportAndSdes(),
            RtcpSamples.SenderReportWithBlock(),
            RtcpSamples.Nack(),
            RtcpSamples.Remb(),
            RtcpSamples.TransportCcRunLength(),
            RtcpSamples.TransportCcTwoBitVector(),
            RtcpSamples.TransportCcOneBitVector(),
            Hex.Bytes("84 ce 0004 00000001 00000000 deadbeef 07000000"),
            Hex.Bytes("81 cb 0002 00000001 03 627965"),
        ];

        var random = new Random(12345);
        var parsers = new WireParsers();
        var buffer = new byte[1024];
        for (int i = 0; i < Iterations; i++)
        {
            var seed = seeds[random.Next(seeds.Length)];
            seed.CopyTo(buffer, 0);
            int length = seed.Length;
            int mutations = random.Next(1, 5);
            for (int m = 0; m < mutations; m++)
            {
                length = Mutate(random, buffer, length);
            }

            parsers.Exercise(buffer.AsSpan(0, length));
        }

        Assert.True(parsers.Accepted > Iterations / 2, $"only {parsers.Accepted} mutated inputs were accepted anywhere");
    }

    [Fact]
    public void Written_packets_parse_back_for_random_values()
    {
        var random = new Random(12345);
        var buffer = new byte[4096];
        var parsers = new WireParsers();
        for (int i = 0; i < 1000; i++)
        {
            var lost = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (ushort)random.Next(0, 65536)).Order().Distinct().ToArray();
            Assert.True(GenericNack.TryWrite(buffer, (uint)random.Next(), (uint)random.Next(), lost, out int written));
            Assert.True(GenericNack.TryRead(buffer.AsSpan(0, written), out var nack));
            var expanded = new ushort[nack.LostCount];
            Assert.True(nack.TryExpand(expanded, out int count));
            Assert.Equal(lost, expanded.Take(count).Order().ToArray());
            parsers.Exercise(buffer.AsSpan(0, written));

            var block = new ReceptionReport((uint)random.Next(), (byte)random.Next(256), random.Next(-(1 << 23), 1 << 23), (uint)random.NextInt64(), (uint)random.NextInt64(), (uint)random.NextInt64(), (uint)random.NextInt64());
            Assert.True(ReceiverReport.TryWrite(buffer, 1, [block], out written));
            Assert.True(ReceiverReport.TryRead(buffer.AsSpan(0, written), out var rr));
            Assert.Equal(block, rr.GetReport(0));
        }
    }

    private static int Mutate(Random random, byte[] buffer, int length)
    {
        switch (random.Next(6))
        {
            case 0 when length > 0: // flip one bit
                buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
            case 1 when length > 0: // replace one byte
                buffer[random.Next(length)] = (byte)random.Next(256);
                return length;
            case 2: // truncate
                return random.Next(0, length + 1);
            case 3: // append random bytes
                int extra = Math.Min(random.Next(1, 64), buffer.Length - length);
                random.NextBytes(buffer.AsSpan(length, extra));
                return length + extra;
            case 4 when length >= 4: // a length / count field at a random word boundary gets a random value
                int word = random.Next(length / 4) * 4;
                buffer[word + 2] = (byte)random.Next(256);
                buffer[word + 3] = (byte)random.Next(256);
                return length;
            default: // extreme values in the first word: counts, flags
                if (length > 0)
                {
                    buffer[0] = (byte)(0x80 | random.Next(64));
                }

                return length;
        }
    }
}
