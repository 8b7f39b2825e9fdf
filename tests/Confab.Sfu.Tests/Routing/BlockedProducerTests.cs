using Confab.Sfu.Routing;
using static Confab.Sfu.Tests.Routing.RoutingTestKit;

namespace Confab.Sfu.Tests.Routing;

/// <summary>A producer the server holds back (host mute, stop video) forwards nothing, and resumes gaplessly.</summary>
public class BlockedProducerTests
{
    private const uint PublisherSsrc = 0x22222222;
    private readonly byte[] _scratch = new byte[1500];

    [Fact]
    public void Blocked_audio_is_counted_not_forwarded_and_resumes_with_the_next_output_number()
    {
        var router = new Router("room");
        var producer = router.AddProducer(Audio(), new RecordingKeyFrameRequester());
        producer.Ssrc = PublisherSsrc;
        var sink = new RecordingSink();
        router.Consume(producer, new ConsumerOptions("a", 0xA, OpusPayloadType), sink);

        Feed(producer, OpusPacket(10, 960, PublisherSsrc), 0, _scratch);
        producer.SetBlocked(true, 20);
        for (ushort s = 11; s < 61; s++)
        {
            Feed(producer, OpusPacket(s, s * 960u, PublisherSsrc), s * 20, _scratch);
        }
        Assert.Single(sink.Packets);
        Assert.Equal(51, producer.PacketsReceived);

        producer.SetBlocked(false, 1300);
        Feed(producer, OpusPacket(61, 61 * 960u, PublisherSsrc), 1300, _scratch);
        Assert.Equal(2, sink.Packets.Count);
        // No hole in the subscriber's numbering, so it sees no loss to NACK.
        Assert.Equal(sink.Header(0).SequenceNumber + 1, sink.Header(1).SequenceNumber);
    }

    [Fact]
    public void Released_video_waits_for_a_key_frame_and_asks_for_one()
    {
        var router = new Router("room");
        var requester = new RecordingKeyFrameRequester();
        var producer = router.AddProducer(Video(), requester);
        producer.Ssrc = PublisherSsrc;
        var sink = new RecordingSink();
        router.Consume(producer, new ConsumerOptions("v", 0xB, Vp8PayloadType), sink);
        Feed(producer, Vp8Packet(1, 0, PublisherSsrc, keyFrame: true), 0, _scratch);
        Feed(producer, Vp8Packet(2, 3000, PublisherSsrc, keyFrame: false), 33, _scratch);

        producer.SetBlocked(true, 40);
        Feed(producer, Vp8Packet(3, 6000, PublisherSsrc, keyFrame: true), 66, _scratch);
        Assert.Equal(2, sink.Packets.Count);

        int requestsBefore = requester.Requests.Count;
        producer.SetBlocked(false, 2000);
        Assert.Equal(requestsBefore + 1, requester.Requests.Count);
        Feed(producer, Vp8Packet(4, 9000, PublisherSsrc, keyFrame: false), 2010, _scratch);
        Assert.Equal(2, sink.Packets.Count); // a delta frame cannot start the picture again
        Feed(producer, Vp8Packet(5, 12000, PublisherSsrc, keyFrame: true), 2043, _scratch);
        Assert.Equal(3, sink.Packets.Count);
        Assert.Equal(sink.Header(1).SequenceNumber + 1, sink.Header(2).SequenceNumber);
    }
}
