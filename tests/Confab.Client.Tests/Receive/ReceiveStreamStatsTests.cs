using Confab.Client.Media;
using Confab.Client.Receive;
using Confab.Client.Tests.Media;
using Confab.Rtc.Rtcp;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Receive;

public class ReceiveStreamStatsTests
{
    private const long Start = 1_700_000_000_000_000;
    private const long Delay = 30_000;

    private static ReceiveStreamStats NewAudioStats() => new(0x1234, MediaKind.Audio, 48_000);

    private static void Deliver(ReceiveStreamStats stats, byte[] packet, long arrival)
    {
        Assert.True(RtpHeader.TryRead(packet, out RtpHeader header));
        stats.OnPacket(packet, header, arrival);
    }

    [Fact]
    public void A_clean_feed_has_no_loss_no_duplicates_no_reordering_and_the_constant_delay()
    {
        var stats = NewAudioStats();
        for (int i = 0; i < 500; i++)
        {
            Deliver(stats, PacketFeed.Audio(i, 1000, Start), PacketFeed.SendTime(i, Start) + Delay);
        }

        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal(500, s.Packets);
        Assert.Equal(500, s.Expected);
        Assert.Equal(0, s.Lost);
        Assert.Equal(0, s.Duplicates);
        Assert.Equal(0, s.Reordered);
        Assert.Equal(1000 + 499, s.ExtendedHighestSequence);
        Assert.Equal(Delay, s.DelayP50Micros);
        Assert.Equal(Delay, s.DelayP99Micros);
        Assert.Equal(500, s.DelaySamples);
        Assert.Equal(0, s.JitterMicros);
        Assert.Equal(500L * (RtpHeader.FixedHeaderLength + 100), s.Bytes);
    }

    [Fact]
    public void Every_tenth_packet_dropped_is_counted_as_lost()
    {
        var stats = NewAudioStats();
        for (int i = 0; i < 1000; i++)
        {
            if (i % 10 != 5)
            {
                Deliver(stats, PacketFeed.Audio(i, 40_000, Start), PacketFeed.SendTime(i, Start) + Delay);
            }
        }

        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal(1000, s.Expected);
        Assert.Equal(900, s.Packets);
        Assert.Equal(100, s.Lost);
    }

    [Fact]
    public void Swapped_pairs_are_reordered_not_lost()
    {
        var stats = NewAudioStats();
        for (int i = 0; i < 200; i += 2)
        {
            Deliver(stats, PacketFeed.Audio(i + 1, 7, Start), PacketFeed.SendTime(i + 1, Start) + Delay);
            Deliver(stats, PacketFeed.Audio(i, 7, Start), PacketFeed.SendTime(i + 1, Start) + Delay + 1);
        }

        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal(0, s.Lost);
        Assert.Equal(200, s.Packets);
        Assert.Equal(100, s.Reordered); // each pair's first packet arrives after its second
        Assert.Equal(0, s.Duplicates);
    }

    [Fact]
    public void Duplicates_are_counted_apart_and_do_not_hide_loss()
    {
        var stats = NewAudioStats();
        for (int i = 0; i < 300; i++)
        {
            if (i == 150)
            {
                continue; // one lost
            }
            byte[] packet = PacketFeed.Audio(i, 65_000, Start);
            Deliver(stats, packet, PacketFeed.SendTime(i, Start) + Delay);
            if (i % 3 == 0)
            {
                Deliver(stats, packet, PacketFeed.SendTime(i, Start) + Delay + 500);
            }
        }

        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal(99, s.Duplicates); // every third of 0..299, but not the lost 150
        Assert.Equal(299, s.Packets);
        Assert.Equal(1, s.Lost);
        Assert.Equal(65_000 + 299, s.ExtendedHighestSequence); // across the 16-bit wrap
    }

    [Fact]
    public void A_late_packet_from_before_the_first_one_at_sequence_zero_is_not_a_duplicate()
    {
        var stats = NewAudioStats();
        // Index 1 has sequence 0 and arrives first; index 0 (sequence 65535, extended to -1) comes late.
        Deliver(stats, PacketFeed.Audio(1, 65_535, Start), Start);
        Deliver(stats, PacketFeed.Audio(0, 65_535, Start), Start);

        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal((2L, 0L, 1L, 2L, 0L), (s.Packets, s.Duplicates, s.Reordered, s.Expected, s.Lost));
    }

    [Fact]
    public void Injected_delay_shows_in_the_percentiles()
    {
        var stats = NewAudioStats();
        for (int i = 0; i < 1000; i++)
        {
            long extra = i % 50 == 49 ? 200_000 : 0; // 2 % of packets 200 ms late
            Deliver(stats, PacketFeed.Audio(i, 0, Start), PacketFeed.SendTime(i, Start) + Delay + extra);
        }

        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal(Delay, s.DelayP50Micros);
        Assert.Equal(Delay + 200_000, s.DelayP99Micros);
    }

    [Fact]
    public void Jitter_follows_rfc3550_a8_for_alternating_transit()
    {
        var stats = NewAudioStats();
        for (int i = 0; i < 1000; i++)
        {
            long extra = i % 2 == 0 ? 0 : 10_000; // |D| = 10 ms between every two packets
            Deliver(stats, PacketFeed.Audio(i, 0, Start), PacketFeed.SendTime(i, Start) + Delay + extra);
        }

        // J converges to |D| = 10 ms = 480 ticks of 48 kHz; the integer estimate settles within a tick or two below.
        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.InRange(s.JitterMicros, 9_900, 10_000);
        ReceptionReport report = stats.BuildReport(0, 0);
        Assert.InRange(report.Jitter, 475u, 480u);
    }

    [Fact]
    public void Report_blocks_carry_cumulative_and_interval_loss()
    {
        var stats = NewAudioStats();
        for (int i = 0; i < 100; i++)
        {
            if (i % 4 != 0)
            {
                Deliver(stats, PacketFeed.Audio(i, 10, Start), PacketFeed.SendTime(i, Start));
            }
        }
        ReceptionReport first = stats.BuildReport(0x11223344, 0x10);
        for (int i = 100; i < 200; i++)
        {
            Deliver(stats, PacketFeed.Audio(i, 10, Start), PacketFeed.SendTime(i, Start));
        }
        ReceptionReport second = stats.BuildReport(0, 0);

        // Expected 99 (sequence 11, the first that arrived, to 109), 75 received.
        Assert.Equal(24, first.CumulativeLost);
        Assert.Equal((byte)(24 * 256 / 99), first.FractionLost);
        Assert.Equal(0x11223344u, first.LastSenderReport);
        Assert.Equal(24, second.CumulativeLost);
        Assert.Equal(0, second.FractionLost);
        Assert.Equal(10u + 199u, second.ExtendedHighestSequenceNumber);
    }

    [Fact]
    public void Random_loss_duplication_and_reordering_are_measured_exactly()
    {
        var random = new Random(12345);
        for (int round = 0; round < 20; round++)
        {
            var stats = NewAudioStats();
            ushort firstSequence = (ushort)random.Next(65536);
            int count = 500 + random.Next(1500);
            var order = new List<int>();
            int dropped = 0, duplicated = 0;
            for (int i = 0; i < count; i++)
            {
                // Keep the first and last so that expected is known; drop ~5 %.
                if (i > 0 && i < count - 1 && random.NextDouble() < 0.05)
                {
                    dropped++;
                    continue;
                }
                order.Add(i);
                if (random.NextDouble() < 0.03)
                {
                    order.Add(i);
                    duplicated++;
                }
            }
            // Local reordering: swap neighbours ~5 % of the time, never moving the first packet.
            for (int k = 1; k < order.Count - 1; k++)
            {
                if (random.NextDouble() < 0.05)
                {
                    (order[k], order[k + 1]) = (order[k + 1], order[k]);
                }
            }
            foreach (int i in order)
            {
                Deliver(stats, PacketFeed.Audio(i, firstSequence, Start), PacketFeed.SendTime(i, Start) + Delay);
            }

            ReceiveStreamSnapshot s = stats.Snapshot();
            Assert.Equal(count, s.Expected);
            Assert.Equal(dropped, s.Lost);
            Assert.Equal(duplicated, s.Duplicates);
            Assert.Equal(count - dropped, s.Packets);
        }
    }

    [Fact]
    public void Video_frames_and_key_frames_are_counted_from_a_synthetic_source()
    {
        var clock = new ManualTimeProvider();
        var sink = new CapturingSink(clock);
        var source = new SyntheticMediaSource(new SyntheticMediaOptions { Audio = false, VideoSsrc = 77, KeyFrameInterval = TimeSpan.FromSeconds(1) }, sink, clock);
        CapturingSink.Run(source, clock, TimeSpan.FromSeconds(2));

        var stats = new ReceiveStreamStats(77, MediaKind.Video, 90_000);
        Assert.False(stats.HasKeyFrame);
        foreach (var (packet, header, sent) in sink.OfSsrc(77))
        {
            stats.OnPacket(packet, header, sent + 5_000);
        }

        ReceiveStreamSnapshot s = stats.Snapshot();
        Assert.Equal(source.VideoFramesSent, s.FramesCompleted);
        Assert.Equal(60, s.FramesCompleted);
        Assert.Equal(2, s.KeyFrames);
        Assert.True(stats.HasKeyFrame);
        Assert.Equal(source.VideoPacketsSent, s.Packets);
        Assert.Equal(0, s.Lost);
        Assert.Equal(5_000, s.DelayP50Micros);
        Assert.Equal(5_000, s.DelayP99Micros);
    }

    [Fact]
    public void Payloads_that_are_not_ours_give_no_delay_sample()
    {
        var stats = NewAudioStats();
        byte[] packet = PacketFeed.Audio(0, 0, Start);
        packet[RtpHeader.FixedHeaderLength + 1] ^= 0xFF; // break the probe's magic
        Deliver(stats, packet, Start);
        Assert.Equal(0, stats.Snapshot().DelaySamples);
        Assert.Equal(1, stats.Snapshot().Packets);
    }
}
