using Confab.Rtc.Rtp;
using Confab.Sfu.Routing;
using static Confab.Sfu.Tests.Routing.RoutingTestKit;

namespace Confab.Sfu.Tests.Routing;

public class RouterTests
{
    private const uint PublisherSsrc = 0x11111111;
    private readonly byte[] _scratch = new byte[1500];

    [Fact]
    public void EachConsumerGetsItsOwnSsrcSequenceAndTimestamps()
    {
        var router = new Router("room");
        var producer = router.AddProducer(Audio(), new RecordingKeyFrameRequester());
        producer.Ssrc = PublisherSsrc;
        var a = new RecordingSink();
        var b = new RecordingSink();
        router.Consume(producer, new ConsumerOptions("a", 0xA, 109), a);
        Feed(producer, OpusPacket(65_535, 960, PublisherSsrc), 0, _scratch);
        router.Consume(producer, new ConsumerOptions("b", 0xB, 111), b);
        Feed(producer, OpusPacket(0, 1_920, PublisherSsrc), 20, _scratch);
        Feed(producer, OpusPacket(1, 2_880, PublisherSsrc), 40, _scratch);

        Assert.Equal(3, a.Packets.Count);
        Assert.Equal(2, b.Packets.Count);
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(i => (int)a.Header(i).SequenceNumber));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(0xAu, a.Header(i).Ssrc));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal((byte)109, a.Header(i).PayloadType));
        Assert.Equal(960u, a.Header(1).Timestamp - a.Header(0).Timestamp);
        Assert.Equal(0xBu, b.Header(0).Ssrc);
        Assert.Equal(0, b.Header(0).SequenceNumber);
        // The payload travels unchanged.
        Assert.Equal(OpusPacket(1, 2_880, PublisherSsrc)[RtpHeader.FixedHeaderLength..], a.Packets[2][RtpHeader.FixedHeaderLength..]);
    }

    [Fact]
    public void VideoConsumersWaitForAKeyFrameAndAskForOneThrottled()
    {
        var router = new Router("room");
        var requester = new RecordingKeyFrameRequester();
        var producer = router.AddProducer(Video(), requester);
        producer.Ssrc = PublisherSsrc;
        var sink = new RecordingSink();
        router.Consume(producer, new ConsumerOptions("c", 0xC, 96), sink);

        Feed(producer, Vp8Packet(10, 0, PublisherSsrc, keyFrame: false), 0, _scratch);
        Feed(producer, Vp8Packet(11, 0, PublisherSsrc, keyFrame: false), 10, _scratch);
        Assert.Empty(sink.Packets);
        Assert.Equal([PublisherSsrc], requester.Requests); // the second request fell inside the throttle interval

        Feed(producer, Vp8Packet(12, 3000, PublisherSsrc, keyFrame: true), 20, _scratch);
        Feed(producer, Vp8Packet(13, 6000, PublisherSsrc, keyFrame: false), 53, _scratch);
        Assert.Equal(2, sink.Packets.Count);
        Assert.Equal(0, sink.Header(0).SequenceNumber);
        Assert.Equal(1, producer.KeyFramesReceived);
    }

    [Fact]
    public void NacksAreAnsweredFromTheBufferWithTheSameNumbering()
    {
        var router = new Router("room");
        var producer = router.AddProducer(Video(), new RecordingKeyFrameRequester());
        producer.Ssrc = PublisherSsrc;
        var sink = new RecordingSink();
        var consumer = router.Consume(producer, new ConsumerOptions("c", 0xC, 96), sink);
        for (ushort s = 100; s < 110; s++)
        {
            Feed(producer, Vp8Packet(s, (uint)(s * 3000), PublisherSsrc, keyFrame: s == 100), s, _scratch);
        }
        Assert.True(consumer.OnNack(4, _scratch));
        var resent = sink.Packets[^1];
        Assert.Equal(sink.Packets[4], resent);
        Assert.False(consumer.OnNack(50, _scratch)); // never sent
        Assert.Equal(1, consumer.Retransmissions);
    }

    [Fact]
    public void NacksGoOverRtxWhenNegotiated()
    {
        var router = new Router("room");
        var producer = router.AddProducer(Video(), new RecordingKeyFrameRequester());
        producer.Ssrc = PublisherSsrc;
        var sink = new RecordingSink();
        var consumer = router.Consume(producer, new ConsumerOptions("c", 0xC, 96, RtxSsrc: 0xCC, RtxPayloadType: 97), sink);
        for (ushort s = 0; s < 5; s++)
        {
            Feed(producer, Vp8Packet(s, s * 3000u, PublisherSsrc, keyFrame: s == 0), s, _scratch);
        }
        Assert.True(consumer.OnNack(2, _scratch));
        var rtx = sink.Header(sink.Packets.Count - 1);
        var original = sink.Header(2);
        Assert.Equal(0xCCu, rtx.Ssrc);
        Assert.Equal((byte)97, rtx.PayloadType);
        Assert.Equal(original.Timestamp, rtx.Timestamp);
        var rtxPayload = sink.Packets[^1].AsSpan(rtx.PayloadOffset);
        Assert.Equal(2, (rtxPayload[0] << 8) | rtxPayload[1]); // RFC 4588 original sequence number
        Assert.True(rtxPayload[2..].SequenceEqual(sink.Packets[2].AsSpan(original.PayloadOffset)));
    }

    [Fact]
    public void RemovingAProducerClosesItsConsumers()
    {
        var router = new Router("room");
        var producer = router.AddProducer(Audio(), new RecordingKeyFrameRequester());
        var sink = new RecordingSink();
        var consumer = router.Consume(producer, new ConsumerOptions("c", 1, 111), sink);
        var closed = router.RemoveProducer(producer);
        Assert.Equal([consumer], closed);
        Assert.True(consumer.IsClosed);
        Assert.Empty(router.Consumers);
        Assert.Throws<InvalidOperationException>(() => router.Consume(producer, new ConsumerOptions("d", 2, 111), sink));
    }

    [Fact]
    public void PausedConsumersSendNothingAndResumeAsksForAKeyFrame()
    {
        var router = new Router("room");
        var requester = new RecordingKeyFrameRequester();
        var producer = router.AddProducer(Video(), requester);
        producer.Ssrc = PublisherSsrc;
        var sink = new RecordingSink();
        var consumer = router.Consume(producer, new ConsumerOptions("c", 1, 96, Paused: true), sink);
        Feed(producer, Vp8Packet(1, 0, PublisherSsrc, keyFrame: true), 0, _scratch);
        Assert.Empty(sink.Packets);
        Assert.Empty(requester.Requests);
        // Resumed when that key frame is too old to start from: a new one is asked for.
        consumer.Resume(Consumer.KeyFrameReplayWindowMs + 1, _scratch);
        Assert.Equal([PublisherSsrc], requester.Requests);
        Assert.Empty(sink.Packets);
    }

    [Fact]
    public void TheForwardPathAllocatesNothing()
    {
        var router = new Router("room");
        var producer = router.AddProducer(Video(), new RecordingKeyFrameRequester());
        producer.Ssrc = PublisherSsrc;
        var sinks = Enumerable.Range(0, 4).Select(_ => new RecordingSink { Record = false }).ToArray();
        for (int i = 0; i < sinks.Length; i++)
        {
            router.Consume(producer, new ConsumerOptions($"c{i}", (uint)(i + 1), 96), sinks[i]);
        }
        var packets = Enumerable.Range(0, 2_000).Select(i => Vp8Packet((ushort)i, (uint)(i * 3000), PublisherSsrc, i % 100 == 0)).ToArray();
        for (int i = 0; i < 1_100; i++)
        {
            Feed(producer, packets[i], i, _scratch); // warm up: the retransmission ring is allocated at the first packet
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1_100; i < packets.Length; i++)
        {
            RtpHeader.TryRead(packets[i], out var header);
            producer.OnRtp(packets[i], header, i, _scratch);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.All(sinks, s => Assert.Equal(2_000, s.Count));
    }
}
