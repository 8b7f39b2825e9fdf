using Confab.Client.Media;
using Confab.Rtc.Codecs;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Media;

public class SyntheticMediaSourceTests
{
    private const uint AudioSsrc = 0xA0D10001;
    private const uint VideoSsrc = 0x71DE0001;

    private static (SyntheticMediaSource Source, CapturingSink Sink, ManualTimeProvider Clock) Create(SyntheticMediaOptions? options = null)
    {
        var clock = new ManualTimeProvider();
        var sink = new CapturingSink(clock);
        options ??= new SyntheticMediaOptions();
        var source = new SyntheticMediaSource(options with { AudioSsrc = AudioSsrc, VideoSsrc = VideoSsrc }, sink, clock);
        return (source, sink, clock);
    }

    [Fact]
    public void Audio_is_one_100_byte_opus_packet_every_20_ms_with_timestamps_960_apart()
    {
        var (source, sink, clock) = Create(new SyntheticMediaOptions { Video = false });
        CapturingSink.Run(source, clock, TimeSpan.FromSeconds(1));

        var audio = sink.OfSsrc(AudioSsrc).ToList();
        Assert.Equal(50, audio.Count); // t = 0, 20, ..., 980 ms
        for (int i = 0; i < audio.Count; i++)
        {
            var (packet, header, sent) = audio[i];
            Assert.Equal(111, header.PayloadType);
            Assert.Equal(100, header.PayloadLength);
            Assert.Equal(SyntheticPayloadLayout.OpusToc, packet[header.PayloadOffset]);
            if (i > 0)
            {
                Assert.Equal((ushort)(audio[i - 1].Header.SequenceNumber + 1), header.SequenceNumber);
                Assert.Equal(audio[i - 1].Header.Timestamp + 960u, header.Timestamp);
                Assert.Equal(20_000, sent - audio[i - 1].SentUnixMicros);
            }
        }
    }

    [Theory]
    [InlineData(1_500_000, 30)]
    [InlineData(300_000, 15)]
    [InlineData(2_500_000, 30)]
    public void Video_bitrate_over_a_simulated_second_is_within_2_percent(int bitrate, int frameRate)
    {
        var (source, sink, clock) = Create(new SyntheticMediaOptions { Audio = false, VideoBitrate = bitrate, FrameRate = frameRate });
        CapturingSink.Run(source, clock, TimeSpan.FromSeconds(1));

        long bits = sink.OfSsrc(VideoSsrc).Sum(p => (long)p.Packet.Length) * 8;
        Assert.Equal(frameRate, source.VideoFramesSent);
        Assert.InRange(bits, bitrate * 0.98, bitrate * 1.02);
        Assert.Equal(bits, source.VideoBytesSent * 8);
    }

    [Fact]
    public void Video_packets_are_at_most_1200_bytes_with_the_marker_on_the_last_packet_of_each_frame()
    {
        var (video, videoSink, videoClock) = Create(new SyntheticMediaOptions { Audio = false });
        CapturingSink.Run(video, videoClock, TimeSpan.FromMilliseconds(500));

        var packets = videoSink.OfSsrc(VideoSsrc).ToList();
        Assert.All(packets, p => Assert.InRange(p.Packet.Length, RtpHeader.FixedHeaderLength + SyntheticPayloadLayout.MinVideoPayload, 1200));
        var frames = packets.GroupBy(p => p.Header.Timestamp).ToList();
        Assert.Equal(15, frames.Count);
        foreach (var frame in frames)
        {
            var list = frame.ToList();
            Assert.True(list.Count > 1, "a 1.5 Mbit/s frame of 6250 bytes spans several packets");
            Assert.All(list.Take(list.Count - 1), p => Assert.False(p.Header.Marker));
            Assert.True(list[^1].Header.Marker);
        }
    }

    [Fact]
    public void Every_video_packet_carries_a_valid_vp8_descriptor_with_start_bit_and_one_picture_id_per_frame()
    {
        var (source, sink, clock) = Create(new SyntheticMediaOptions { Audio = false });
        CapturingSink.Run(source, clock, TimeSpan.FromMilliseconds(300));

        int? previousPictureId = null;
        foreach (var frame in sink.OfSsrc(VideoSsrc).GroupBy(p => p.Header.Timestamp))
        {
            var descriptors = frame.Select(p =>
            {
                Assert.True(Vp8PayloadDescriptor.TryRead(p.Packet.AsSpan(p.Header.PayloadOffset, p.Header.PayloadLength), out var d));
                return d;
            }).ToList();
            Assert.True(descriptors[0].StartOfPartition);
            Assert.All(descriptors.Skip(1), d => Assert.False(d.StartOfPartition));
            Assert.All(descriptors, d =>
            {
                Assert.True(d.HasLongPictureId);
                Assert.Equal(0, d.PartitionIndex);
                Assert.Equal(SyntheticPayloadLayout.Vp8DescriptorLength, d.Length);
                Assert.Equal(descriptors[0].PictureId, d.PictureId);
            });
            if (previousPictureId is int previous)
            {
                Assert.Equal((previous + 1) & 0x7FFF, descriptors[0].PictureId);
            }
            previousPictureId = descriptors[0].PictureId;
        }
        Assert.NotNull(previousPictureId);
    }

    [Fact]
    public void Key_frames_come_every_interval_and_the_vp8_header_says_so()
    {
        var (source, sink, clock) = Create(new SyntheticMediaOptions { Audio = false, KeyFrameInterval = TimeSpan.FromSeconds(1) });
        CapturingSink.Run(source, clock, TimeSpan.FromSeconds(3));

        var keyFrameIndexes = KeyFrameIndexes(sink);
        Assert.Equal([0, 30, 60], keyFrameIndexes);
        Assert.Equal(3, source.KeyFramesSent);
    }

    [Fact]
    public void A_key_frame_request_makes_the_next_frame_a_key_frame()
    {
        var (source, sink, clock) = Create(new SyntheticMediaOptions { Audio = false, KeyFrameInterval = TimeSpan.FromSeconds(10) });
        // Frame 10 is due at 333.3 ms; the request comes at 320 ms.
        CapturingSink.Run(source, clock, TimeSpan.FromSeconds(1), ms =>
        {
            if (ms == 320)
            {
                source.RequestKeyFrame();
            }
        });

        Assert.Equal([0, 10], KeyFrameIndexes(sink));
    }

    [Fact]
    public void Every_payload_carries_the_send_time_and_a_per_stream_counter()
    {
        var (source, sink, clock) = Create();
        CapturingSink.Run(source, clock, TimeSpan.FromMilliseconds(400));

        foreach ((uint ssrc, MediaKind kind) in new[] { (AudioSsrc, MediaKind.Audio), (VideoSsrc, MediaKind.Video) })
        {
            uint expectedCounter = 0;
            foreach (var (packet, header, sent) in sink.OfSsrc(ssrc))
            {
                Assert.True(SyntheticPayloadLayout.TryReadProbe(kind, packet.AsSpan(header.PayloadOffset, header.PayloadLength), out MediaProbe probe));
                Assert.Equal(sent, probe.SendTimeUnixMicros);
                Assert.Equal(expectedCounter++, probe.Counter);
            }
            Assert.True(expectedCounter > 10);
        }
    }

    [Fact]
    public void The_mid_header_extension_is_written_when_an_id_is_given()
    {
        var (source, sink, clock) = Create(new SyntheticMediaOptions { MidExtensionId = 3, AudioMid = "0", VideoMid = "1" });
        CapturingSink.Run(source, clock, TimeSpan.FromMilliseconds(40));

        foreach (var (packet, header, _) in sink.OfSsrc(VideoSsrc).Concat(sink.OfSsrc(AudioSsrc)))
        {
            Assert.True(RtpHeaderExtensions.TryFind(packet, header, 3, out int offset, out int length));
            string mid = System.Text.Encoding.ASCII.GetString(packet, offset, length);
            Assert.Equal(header.Ssrc == VideoSsrc ? "1" : "0", mid);
        }
    }

    [Fact]
    public void A_stalled_clock_skips_ahead_instead_of_bursting()
    {
        var (source, sink, clock) = Create();
        source.StartManual();
        source.Pump();
        int afterStart = sink.Packets.Count;
        clock.Advance(TimeSpan.FromSeconds(10));
        source.Pump();

        // Only the packets due at the resumed position go out: one audio packet and one video frame.
        Assert.Equal(499, source.AudioPacketsSkipped);
        Assert.Equal(299, source.VideoFramesSkipped);
        Assert.Equal(2, source.VideoFramesSent);
        var audio = sink.OfSsrc(AudioSsrc).ToList();
        Assert.Equal(2, audio.Count);
        Assert.Equal(500u * 960u, audio[1].Header.Timestamp - audio[0].Header.Timestamp); // the clock, not the packet count
        Assert.Equal((ushort)(audio[0].Header.SequenceNumber + 1), audio[1].Header.SequenceNumber);
        Assert.True(sink.Packets.Count - afterStart < 20);
    }

    [Fact]
    public void Nothing_is_sent_before_start()
    {
        var (source, sink, clock) = Create();
        clock.Advance(TimeSpan.FromSeconds(1));
        source.Pump();
        Assert.Empty(sink.Packets);
    }

    private static List<int> KeyFrameIndexes(CapturingSink sink) =>
        [.. sink.OfSsrc(VideoSsrc)
            .GroupBy(p => p.Header.Timestamp)
            .Select((frame, index) => (frame.First(), index))
            .Where(x => KeyFrameDetector.IsKeyFrameStart(VideoCodec.Vp8, x.Item1.Packet.AsSpan(x.Item1.Header.PayloadOffset, x.Item1.Header.PayloadLength)))
            .Select(x => x.index)];
}
