using Confab.Sfu.Routing;
using static Confab.Sfu.Tests.Routing.RoutingTestKit;

namespace Confab.Sfu.Tests.Routing;

public class SimulcastConsumerTests
{
    private readonly byte[] _scratch = new byte[1500];

    [Fact]
    public void StartsOnTheHighestLayerAtItsKeyFrameAndIgnoresTheOthers()
    {
        var (router, low, high, requests) = TwoLayers();
        var sink = new RecordingSink();
        var consumer = router.Consume([low, high], new ConsumerOptions("c", 0xC, 96), sink);
        Assert.Equal(1, consumer.TargetLayer);

        Feed(high, Vp8Packet(500, 0, HighSsrc, keyFrame: false), 0, _scratch);
        Feed(low, Vp8Packet(1, 0, LowSsrc, keyFrame: true), 0, _scratch); // the high layer flows: the low one is not sent
        Assert.Empty(sink.Packets);
        Assert.Contains(HighSsrc, requests.Requests); // the target layer was asked for a key frame

        Feed(high, Vp8Packet(501, 3000, HighSsrc, keyFrame: true), 10, _scratch);
        Feed(low, Vp8Packet(2, 3000, LowSsrc, keyFrame: false), 10, _scratch);
        Feed(high, Vp8Packet(502, 6000, HighSsrc, keyFrame: false), 43, _scratch);
        Assert.Equal(2, sink.Packets.Count);
        Assert.Equal(1, consumer.CurrentLayer);
        Assert.Equal(new ushort[] { 0, 1 }, sink.Packets.Select((_, i) => sink.Header(i).SequenceNumber).ToArray());
    }

    [Fact]
    public void SwitchesDownOnlyAtTheTargetLayersKeyFrameAndKeepsTheOutputGapless()
    {
        var (router, low, high, requests) = TwoLayers();
        var sink = new RecordingSink();
        var consumer = router.Consume([low, high], new ConsumerOptions("c", 0xC, 96), sink);
        Feed(high, Vp8Packet(100, 0, HighSsrc, keyFrame: true), 0, _scratch);
        Feed(high, Vp8Packet(101, 3000, HighSsrc, keyFrame: false), 33, _scratch);

        requests.Requests.Clear();
        consumer.SetTargetLayer(0, 40);
        Assert.Equal([LowSsrc], requests.Requests);
        Feed(low, Vp8Packet(7, 9000, LowSsrc, keyFrame: false), 50, _scratch);   // not yet: no key frame
        Feed(high, Vp8Packet(102, 6000, HighSsrc, keyFrame: false), 66, _scratch); // still the high layer
        Feed(low, Vp8Packet(8, 12000, LowSsrc, keyFrame: true), 80, _scratch);    // the switch
        Feed(high, Vp8Packet(103, 9000, HighSsrc, keyFrame: false), 99, _scratch); // ignored now
        Feed(low, Vp8Packet(9, 15000, LowSsrc, keyFrame: false), 113, _scratch);

        Assert.Equal(0, consumer.CurrentLayer);
        Assert.Equal(new ushort[] { 0, 1, 2, 3, 4 }, sink.Packets.Select((_, i) => sink.Header(i).SequenceNumber).ToArray());
        Assert.All(Enumerable.Range(0, sink.Packets.Count), i => Assert.Equal(0xCu, sink.Header(i).Ssrc));
        Assert.True(sink.Header(3).Timestamp > sink.Header(2).Timestamp);
    }

    [Fact]
    public void ALayerTheSenderStoppedIsReplacedByTheHighestActiveOneBelow()
    {
        var (router, low, high, requests) = TwoLayers();
        var sink = new RecordingSink();
        var consumer = router.Consume([low, high], new ConsumerOptions("c", 0xC, 96), sink);

        // Only the low layer flows (the sender is short of bandwidth): it is sent from its key frame on.
        Feed(low, Vp8Packet(1, 0, LowSsrc, keyFrame: false), 0, _scratch);
        Assert.Contains(LowSsrc, requests.Requests);
        Feed(low, Vp8Packet(2, 3000, LowSsrc, keyFrame: true), 33, _scratch);
        Feed(low, Vp8Packet(3, 6000, LowSsrc, keyFrame: false), 66, _scratch);
        Assert.Equal(0, consumer.CurrentLayer);
        Assert.Equal(2, sink.Packets.Count);

        // The high layer starts: the consumer moves up at its key frame.
        Feed(high, Vp8Packet(900, 9000, HighSsrc, keyFrame: true), 100, _scratch);
        Assert.Equal(1, consumer.CurrentLayer);

        // The high layer stops for longer than a second: back down at the low layer's next key frame.
        Feed(low, Vp8Packet(4, 99000, LowSsrc, keyFrame: false), 1_200, _scratch);
        Assert.Equal(1, consumer.CurrentLayer);
        Feed(low, Vp8Packet(5, 102000, LowSsrc, keyFrame: true), 1_233, _scratch);
        Assert.Equal(0, consumer.CurrentLayer);
        Assert.Equal(new ushort[] { 0, 1, 2, 3 }, sink.Packets.Select((_, i) => sink.Header(i).SequenceNumber).ToArray());
    }

    [Fact]
    public void RemovingOneLayerClosesTheConsumer()
    {
        var (router, low, high, _) = TwoLayers();
        var consumer = router.Consume([low, high], new ConsumerOptions("c", 0xC, 96), new RecordingSink());
        router.RemoveProducer(high);
        Assert.True(consumer.IsClosed);
        Assert.Empty(low.Consumers);
    }

    [Fact]
    public void LayersMustShareKindAndClock()
    {
        var (router, low, _, requests) = TwoLayers();
        var audio = router.AddProducer(Audio(), requests);
        Assert.Throws<ArgumentException>(() => router.Consume([low, audio], new ConsumerOptions("c", 1, 96), new RecordingSink()));
        Assert.Throws<ArgumentException>(() => router.Consume(Array.Empty<Producer>(), new ConsumerOptions("d", 2, 96), new RecordingSink()));
    }

    [Fact]
    public void APausedConsumerAsksForNoKeyFrameAndOnResumeAsksTheLayerThatFlows()
    {
        var (router, low, high, requests) = TwoLayers();
        var sink = new RecordingSink();
        var consumer = router.Consume([low, high], new ConsumerOptions("c", 0xC, 96, Paused: true), sink);

        // Paused (its subscriber is not connected yet): whatever arrives asks for nothing and is not sent.
        consumer.SetTargetLayer(0, 0);
        consumer.SetTargetLayer(1, 1);
        Feed(low, Vp8Packet(1, 0, LowSsrc, keyFrame: false), 5, _scratch);
        Feed(low, Vp8Packet(2, 3000, LowSsrc, keyFrame: true), 38, _scratch);
        Assert.Empty(requests.Requests);
        Assert.Empty(sink.Packets);

        // Resumed long after that key frame (older than the replay window): one request, to the low layer (the high
        // one does not flow), and its next key frame starts the output.
        long late = 38 + Consumer.KeyFrameReplayWindowMs + 100;
        Feed(low, Vp8Packet(3, 6000, LowSsrc, keyFrame: false), late - 10, _scratch);
        consumer.Resume(late, _scratch);
        Assert.Equal([LowSsrc], requests.Requests);
        Assert.Empty(sink.Packets);
        Feed(low, Vp8Packet(4, 9000, LowSsrc, keyFrame: false), late + 21, _scratch);
        Feed(low, Vp8Packet(5, 12000, LowSsrc, keyFrame: true), late + 54, _scratch);
        Assert.Single(sink.Packets);
        Assert.Equal(0, consumer.CurrentLayer);
    }
}
