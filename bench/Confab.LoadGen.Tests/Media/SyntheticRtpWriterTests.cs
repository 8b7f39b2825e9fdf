using Confab.LoadGen.Media;
using Confab.Rtc.Codecs;
using Confab.Rtc.Rtp;

namespace Confab.LoadGen.Tests.Media;

public class SyntheticRtpWriterTests
{
    private static readonly SyntheticMediaOptions Options = new(VideoBitsPerSecond: 1_500_000, FramesPerSecond: 30, KeyFrameIntervalSeconds: 3, KeyFrameScale: 4);

    private sealed record Sent(RtpHeader Header, byte[] Packet);

    private static List<List<Sent>> Frames(int count)
    {
        var writer = new SyntheticRtpWriter(0x1111, 0x2222, 111, 96, Options);
        byte[] buffer = new byte[1500];
        var frames = new List<List<Sent>>();
        for (int f = 0; f < count; f++)
        {
            var packets = new List<Sent>();
            writer.WriteVideoFrame(buffer, (b, length) =>
            {
                Assert.True(RtpHeader.TryRead(b[..length], out RtpHeader header));
                packets.Add(new Sent(header, b[..length].ToArray()));
            });
            frames.Add(packets);
        }

        return frames;
    }

    [Fact]
    public void Video_averages_the_set_bitrate_with_a_keyframe_every_three_seconds()
    {
        List<List<Sent>> frames = Frames(300); // 10 s at 30 fps
        long payloadBytes = frames.Sum(f => f.Sum(p => (long)p.Header.PayloadLength));
        double bitsPerSecond = payloadBytes * 8 / 10.0;
        Assert.InRange(bitsPerSecond, 1_500_000 * 0.97, 1_500_000 * 1.03);

        int[] keyFrames = [.. frames.Select((f, i) => (f, i))
            .Where(x => KeyFrameDetector.IsKeyFrameStart(VideoCodec.Vp8, x.f[0].Packet.AsSpan(x.f[0].Header.PayloadOffset)))
            .Select(x => x.i)];
        Assert.Equal([0, 90, 180, 270], keyFrames);
        Assert.True(frames[0].Count > frames[1].Count);
    }

    [Fact]
    public void Video_packets_of_a_frame_share_a_timestamp_mark_the_last_and_number_consecutively()
    {
        List<List<Sent>> frames = Frames(4);
        ushort expected = frames[0][0].Header.SequenceNumber;
        foreach (List<Sent> frame in frames)
        {
            Assert.All(frame, p => Assert.Equal(frame[0].Header.Timestamp, p.Header.Timestamp));
            Assert.All(frame, p => Assert.Equal(0x2222u, p.Header.Ssrc));
            Assert.All(frame, p => Assert.InRange(p.Packet.Length, 1, 1200));
            Assert.Equal([.. Enumerable.Repeat(false, frame.Count - 1), true], frame.Select(p => p.Header.Marker));
            Assert.Equal(0x10, frame[0].Packet[frame[0].Header.PayloadOffset]); // S=1, PID=0
            Assert.All(frame.Skip(1), p => Assert.Equal(0x00, p.Packet[p.Header.PayloadOffset]));
            foreach (Sent p in frame)
            {
                Assert.Equal(expected++, p.Header.SequenceNumber);
            }
        }

        Assert.Equal(3000u, frames[1][0].Header.Timestamp - frames[0][0].Header.Timestamp); // 90 kHz / 30 fps
    }

    [Fact]
    public void Every_packet_carries_a_probe_with_a_counter_per_stream()
    {
        var writer = new SyntheticRtpWriter(0x1111, 0x2222, 111, 96, Options);
        byte[] buffer = new byte[1500];
        var counters = new List<ulong>();
        uint? firstTimestamp = null;
        for (int i = 0; i < 3; i++)
        {
            int length = writer.WriteAudio(buffer);
            Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, length), out RtpHeader header));
            Assert.Equal(111, header.PayloadType);
            Assert.Equal(100, header.PayloadLength);
            firstTimestamp ??= header.Timestamp;
            Assert.Equal(firstTimestamp + (uint)(960 * i), header.Timestamp); // 20 ms at 48 kHz
            Assert.True(ProbeTrailer.TryRead(buffer.AsSpan(header.PayloadOffset, header.PayloadLength), out ulong counter, out _));
            counters.Add(counter);
        }

        Assert.Equal([0UL, 1, 2], counters);
    }
}
