using Confab.Rtc.Rtp;
using Confab.Sfu.Routing;
using static Confab.Sfu.Tests.Routing.RoutingTestKit;

namespace Confab.Sfu.Tests.Routing;

/// <summary>
/// A video consumer that starts (its subscriber connected) sends the newest key frame and what followed from the
/// producer's buffer when that key frame is recent, so the picture does not wait for a key-frame request's round trip.
/// </summary>
public class ConsumerStartFromBufferTests
{
    private const uint PublisherSsrc = 0x11111111;
    private readonly byte[] _scratch = new byte[1500];

    private static (Producer Producer, RecordingKeyFrameRequester Requests) VideoProducer(Router router)
    {
        var requests = new RecordingKeyFrameRequester();
        var producer = router.AddProducer(Video(), requests);
        producer.Ssrc = PublisherSsrc;
        return (producer, requests);
    }

    // A video producer and one paused consumer of it, as a subscriber that is still connecting has.
    private static (Producer Producer, RecordingKeyFrameRequester Requests, Consumer Consumer, RecordingSink Sink) PausedVideoConsumer()
    {
        var router = new Router("room");
        var (producer, requests) = VideoProducer(router);
        var sink = new RecordingSink();
        var consumer = router.Consume(producer, new ConsumerOptions("c", 0xC, 96, Paused: true), sink);
        return (producer, requests, consumer, sink);
    }

    [Fact]
    public void A_recent_key_frame_and_the_packets_after_it_are_sent_at_once_then_live_packets_follow_without_a_gap()
    {
        var (producer, requests, consumer, sink) = PausedVideoConsumer();

        Feed(producer, Vp8Packet(99, 0, PublisherSsrc, keyFrame: false), 0, _scratch);      // before the key frame: not sent
        Feed(producer, Vp8Packet(100, 3000, PublisherSsrc, keyFrame: true), 10, _scratch);
        Feed(producer, Vp8Packet(101, 6000, PublisherSsrc, keyFrame: false), 43, _scratch);
        Feed(producer, Vp8Packet(102, 9000, PublisherSsrc, keyFrame: false), 76, _scratch);
        Assert.Empty(sink.Packets);

        consumer.Resume(80, _scratch);

        Assert.Empty(requests.Requests); // nothing to ask: the key frame was at hand
        Assert.Equal(3, sink.Packets.Count);
        Assert.Equal(new ushort[] { 0, 1, 2 }, Enumerable.Range(0, 3).Select(i => sink.Header(i).SequenceNumber).ToArray());
        // The burst's timing is compressed towards its last packet, which keeps its place: 3000 ticks apart become 93.
        Assert.Equal(new uint[] { 0, 94, 187 }, Enumerable.Range(0, 3).Select(i => sink.Header(i).Timestamp - sink.Header(0).Timestamp).ToArray());
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(0xCu, sink.Header(i).Ssrc));
        // The payloads are the stored ones, unchanged: the key frame first.
        Assert.Equal(Vp8Packet(100, 3000, PublisherSsrc, keyFrame: true)[RtpHeader.FixedHeaderLength..], sink.Packets[0][RtpHeader.FixedHeaderLength..]);

        Feed(producer, Vp8Packet(103, 12000, PublisherSsrc, keyFrame: false), 109, _scratch);
        Assert.Equal(4, sink.Packets.Count);
        Assert.Equal(3, sink.Header(3).SequenceNumber);
        Assert.Equal(3000u, sink.Header(3).Timestamp - sink.Header(2).Timestamp); // live packets at their own pace
    }

    [Fact]
    public void A_replayed_packet_resent_on_nack_carries_the_timestamp_it_was_first_sent_with()
    {
        var (producer, _, consumer, sink) = PausedVideoConsumer();

        Feed(producer, Vp8Packet(100, 3000, PublisherSsrc, keyFrame: true), 10, _scratch);
        Feed(producer, Vp8Packet(101, 6000, PublisherSsrc, keyFrame: false), 43, _scratch);
        Feed(producer, Vp8Packet(102, 9000, PublisherSsrc, keyFrame: false), 76, _scratch);
        consumer.Resume(80, _scratch);
        Feed(producer, Vp8Packet(103, 12000, PublisherSsrc, keyFrame: false), 109, _scratch);
        uint[] sent = Enumerable.Range(0, 4).Select(i => sink.Header(i).Timestamp).ToArray();

        Assert.True(consumer.OnNack(0, _scratch)); // the replayed key frame
        Assert.True(consumer.OnNack(3, _scratch)); // a live packet
        Assert.Equal(sent[0], sink.Header(4).Timestamp);
        Assert.Equal(sent[3], sink.Header(5).Timestamp);
    }

    [Fact]
    public void After_a_pause_the_next_start_from_the_buffer_compresses_its_own_burst_only()
    {
        var (producer, _, consumer, sink) = PausedVideoConsumer();

        Feed(producer, Vp8Packet(1, 0, PublisherSsrc, keyFrame: true), 0, _scratch);
        consumer.Resume(5, _scratch);
        consumer.Pause();
        Feed(producer, Vp8Packet(2, 90_000, PublisherSsrc, keyFrame: true), 1000, _scratch);
        Feed(producer, Vp8Packet(3, 93_000, PublisherSsrc, keyFrame: false), 1033, _scratch);
        consumer.Resume(1040, _scratch);
        Feed(producer, Vp8Packet(4, 96_000, PublisherSsrc, keyFrame: false), 1066, _scratch);

        Assert.Equal(4, sink.Packets.Count);
        Assert.Equal(93u, sink.Header(2).Timestamp - sink.Header(1).Timestamp);
        Assert.Equal(3000u, sink.Header(3).Timestamp - sink.Header(2).Timestamp);
        // The new segment's clock is ahead of the first one's by at least the time that passed (1035 ms).
        Assert.InRange(sink.Header(1).Timestamp - sink.Header(0).Timestamp, 1035u * 90, 1035u * 90 + 3000);
    }

    [Fact]
    public void A_packet_missing_from_the_buffer_leaves_a_gap_the_receiver_can_ask_for()
    {
        var (producer, _, consumer, sink) = PausedVideoConsumer();

        Feed(producer, Vp8Packet(10, 3000, PublisherSsrc, keyFrame: true), 0, _scratch);
        Feed(producer, Vp8Packet(12, 9000, PublisherSsrc, keyFrame: false), 60, _scratch); // 11 was lost on the way in
        consumer.Resume(70, _scratch);

        Assert.Equal(new ushort[] { 0, 2 }, sink.Packets.Select((_, i) => sink.Header(i).SequenceNumber).ToArray());
        // 11 arrives late (a retransmission from the publisher) and is forwarded in its place.
        Feed(producer, Vp8Packet(11, 6000, PublisherSsrc, keyFrame: false), 75, _scratch);
        Assert.Equal(1, sink.Header(2).SequenceNumber);
    }

    [Fact]
    public void A_key_frame_older_than_the_window_is_not_replayed_and_a_new_one_is_asked_for()
    {
        var (producer, requests, consumer, sink) = PausedVideoConsumer();

        Feed(producer, Vp8Packet(1, 0, PublisherSsrc, keyFrame: true), 0, _scratch);
        Feed(producer, Vp8Packet(2, 3000, PublisherSsrc, keyFrame: false), 1_000, _scratch);
        consumer.Resume(Consumer.KeyFrameReplayWindowMs + 1, _scratch);

        Assert.Empty(sink.Packets);
        Assert.Equal([PublisherSsrc], requests.Requests);
        Feed(producer, Vp8Packet(3, 6000, PublisherSsrc, keyFrame: true), 1_050, _scratch);
        Assert.Single(sink.Packets);
    }

    [Fact]
    public void A_key_frame_the_buffer_no_longer_holds_is_not_replayed()
    {
        var (producer, requests, consumer, sink) = PausedVideoConsumer();

        Feed(producer, Vp8Packet(0, 0, PublisherSsrc, keyFrame: true), 0, _scratch);
        for (int i = 1; i <= 600; i++)
        {
            Feed(producer, Vp8Packet((ushort)i, (uint)(i * 30), PublisherSsrc, keyFrame: false), i / 2, _scratch); // 600 packets in 300 ms
        }
        consumer.Resume(310, _scratch);

        Assert.Empty(sink.Packets);
        Assert.Equal([PublisherSsrc], requests.Requests);
    }

    [Fact]
    public void Nothing_received_while_the_producer_is_blocked_is_replayed_not_even_after_it_is_released()
    {
        var router = new Router("room");
        var (producer, requests) = VideoProducer(router);
        var sink = new RecordingSink();
        var early = router.Consume(producer, new ConsumerOptions("early", 0xE, 96, Paused: true), sink);
        var late = router.Consume(producer, new ConsumerOptions("late", 0xF, 96, Paused: true), sink);

        // Held back (a screen without a share, a camera the host stopped): its key frame arrives and is stored.
        producer.SetBlocked(true, 0);
        Feed(producer, Vp8Packet(1, 3000, PublisherSsrc, keyFrame: true), 10, _scratch);
        Feed(producer, Vp8Packet(2, 6000, PublisherSsrc, keyFrame: false), 43, _scratch);
        early.Resume(50, _scratch);
        Assert.Empty(sink.Packets);

        // Released: a consumer starting now must not begin with what was held back; it waits for a new key frame.
        producer.SetBlocked(false, 60);
        Feed(producer, Vp8Packet(3, 9000, PublisherSsrc, keyFrame: false), 76, _scratch);
        late.Resume(80, _scratch);
        Assert.Empty(sink.Packets);
        Assert.NotEmpty(requests.Requests);

        Feed(producer, Vp8Packet(4, 12000, PublisherSsrc, keyFrame: true), 109, _scratch);
        Assert.Equal(2, sink.Packets.Count); // the new key frame, once to each consumer
        Assert.All(sink.Packets, p => Assert.Equal(Vp8Packet(4, 12000, PublisherSsrc, keyFrame: true)[RtpHeader.FixedHeaderLength..], p[RtpHeader.FixedHeaderLength..]));
    }

    [Fact]
    public void A_key_frame_from_before_a_block_is_not_replayed_after_it()
    {
        var (producer, _, consumer, sink) = PausedVideoConsumer();

        Feed(producer, Vp8Packet(1, 3000, PublisherSsrc, keyFrame: true), 0, _scratch);
        producer.SetBlocked(true, 20);
        Feed(producer, Vp8Packet(2, 6000, PublisherSsrc, keyFrame: false), 33, _scratch); // held back
        producer.SetBlocked(false, 40);
        consumer.Resume(50, _scratch);

        Assert.Empty(sink.Packets); // replaying from packet 1 would send packet 2, received while blocked
    }

    [Fact]
    public void Audio_starts_with_the_next_packet_and_asks_for_nothing()
    {
        var router = new Router("room");
        var requests = new RecordingKeyFrameRequester();
        var producer = router.AddProducer(Audio(), requests);
        producer.Ssrc = PublisherSsrc;
        var sink = new RecordingSink();
        var consumer = router.Consume(producer, new ConsumerOptions("c", 0xC, 111, Paused: true), sink);
        Feed(producer, OpusPacket(1, 960, PublisherSsrc), 0, _scratch);

        consumer.PrepareKeyFrame(5);
        consumer.Resume(10, _scratch);
        Assert.Empty(sink.Packets);
        Assert.Empty(requests.Requests);
        Feed(producer, OpusPacket(2, 1920, PublisherSsrc), 20, _scratch);
        Assert.Single(sink.Packets);
    }

    [Fact]
    public void Preparing_asks_a_paused_video_consumer_for_a_key_frame_unless_a_fresh_one_is_there()
    {
        var router = new Router("room");
        var (producer, requests) = VideoProducer(router);
        var consumer = router.Consume(producer, new ConsumerOptions("c", 0xC, 96, Paused: true), new RecordingSink());

        consumer.PrepareKeyFrame(0); // no key frame yet
        Assert.Equal([PublisherSsrc], requests.Requests);

        Feed(producer, Vp8Packet(1, 0, PublisherSsrc, keyFrame: true), 100, _scratch);
        consumer.PrepareKeyFrame(100 + Consumer.FreshKeyFrameMs - 1); // the one that just came serves
        Assert.Single(requests.Requests);

        consumer.PrepareKeyFrame(100 + Consumer.FreshKeyFrameMs);
        Assert.Equal(2, requests.Requests.Count);
    }

    [Fact]
    public void Preparing_a_running_consumer_asks_for_nothing()
    {
        var router = new Router("room");
        var (producer, requests) = VideoProducer(router);
        var consumer = router.Consume(producer, new ConsumerOptions("c", 0xC, 96), new RecordingSink());
        Feed(producer, Vp8Packet(1, 0, PublisherSsrc, keyFrame: true), 0, _scratch);

        consumer.PrepareKeyFrame(2_000);
        Assert.Empty(requests.Requests);
    }

    [Fact]
    public void A_simulcast_consumer_starts_from_the_key_frame_of_the_layer_that_flows()
    {
        var (router, low, high, requests) = TwoLayers();
        var sink = new RecordingSink();
        var consumer = router.Consume([low, high], new ConsumerOptions("c", 0xC, 96, Paused: true), sink);
        consumer.SetTargetLayer(1, 0);

        // The sender stopped the high layer (its last packet is long gone); the low one flows with a recent key frame.
        Feed(high, Vp8Packet(500, 0, HighSsrc, keyFrame: true), 0, _scratch);
        Feed(low, Vp8Packet(7, 300_000, LowSsrc, keyFrame: true), 3_000, _scratch);
        Feed(low, Vp8Packet(8, 303_000, LowSsrc, keyFrame: false), 3_033, _scratch);
        consumer.Resume(3_040, _scratch);

        Assert.Equal(2, sink.Packets.Count);
        Assert.Equal(0, consumer.CurrentLayer);
        Assert.Empty(requests.Requests);
    }
}
