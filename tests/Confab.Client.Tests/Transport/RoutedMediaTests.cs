using Confab.Client.Media;
using Confab.Client.Receive;
using Confab.Client.Sdp;
using Confab.Client.Tests.Sdp;
using Confab.Client.Transport;
using Confab.Rtc.Codecs;
using Confab.Sfu.Routing;
using SdpMediaKind = Confab.Rtc.Sdp.MediaKind;

namespace Confab.Client.Tests.Transport;

public class RoutedMediaTests
{
    private const uint PublishedAudioSsrc = 0x0A0A0001;
    private const uint PublishedVideoSsrc = 0x0B0B0001;

    /// <summary>
    /// Publisher client → media worker router → subscriber client, over real UDP with SRTP both ways: the
    /// subscriber's statistics show the synthetic audio and video arriving, frames completing and no loss.
    /// The SFU side is wired by hand as the signaling will wire it (producers by SSRC, consumers by SSRC).
    /// </summary>
    [Fact]
    public Task Synthetic_audio_and_video_cross_the_sfu_and_are_measured_by_the_subscriber() => RunAsync(simulatedLoss: 0);

    /// <summary>
    /// The subscriber discards 5 % of the media it receives: its statistics count that loss, its NACKs bring
    /// retransmissions over RTX from the SFU's buffer, and those count as recovered, not as received.
    /// </summary>
    [Fact]
    public Task Injected_loss_is_measured_and_nacks_bring_retransmissions() => RunAsync(simulatedLoss: 0.05);

    private static async Task RunAsync(double simulatedLoss)
    {
        using var sfu = new SfuHarness();
        using var publisher = new ClientPeerConnection();
        using var subscriber = new ClientPeerConnection(new ClientPeerConnectionOptions { SimulatedReceiveLoss = simulatedLoss });
        subscriber.Incoming.Configure(ClientSdpTests.SfuLikeSubscribeOffer()); // 5001 audio, 5002 video (rtx 97) of peer-A
        var pub = await sfu.ConnectAsync("pub", publisher);
        var sub = await sfu.ConnectAsync("sub", subscriber);
        Router router = null!;
        Producer audio = null!, video = null!;
        await sfu.Worker.InvokeAsync(() =>
        {
            router = sfu.Worker.GetOrCreateRouter("room");
            audio = router.AddProducer(new ProducerOptions("a", MediaKind.Audio, 48_000, ClientSdp.OpusPayloadType, VideoCodec.Unknown, "0"), pub);
            video = router.AddProducer(new ProducerOptions("v", MediaKind.Video, 90_000, ClientSdp.Vp8PayloadType, VideoCodec.Vp8, "1"), pub);
            pub.AddProducer(audio, PublishedAudioSsrc);
            pub.AddProducer(video, PublishedVideoSsrc);
        });

        using var source = new SyntheticMediaSource(new SyntheticMediaOptions
        {
            AudioSsrc = PublishedAudioSsrc,
            VideoSsrc = PublishedVideoSsrc,
            VideoBitrate = 500_000,
            KeyFrameInterval = TimeSpan.FromSeconds(30), // the subscriber's PLI must bring the first key frame
        }, publisher);
        publisher.KeyFrameRequested += ssrc =>
        {
            if (ssrc == PublishedVideoSsrc)
            {
                source.RequestKeyFrame();
            }
        };
        source.Start();

        // The subscriber joins once the first key frame has passed: its consumer must ask for the next one.
        await SfuHarness.WaitUntilAsync(() => video.PacketsReceived >= 50, "the SFU to receive 50 video packets");
        await sfu.Worker.InvokeAsync(() =>
        {
            sub.AddConsumer(router.Consume(audio, new ConsumerOptions("ca", 5001, ClientSdp.OpusPayloadType), sub));
            sub.AddConsumer(router.Consume(video, new ConsumerOptions("cv", 5002, ClientSdp.Vp8PayloadType, 5003, ClientSdp.Vp8RtxPayloadType), sub));
        });

        await SfuHarness.WaitUntilAsync(() =>
        {
            var streams = subscriber.Incoming.Snapshot();
            return streams.Any(s => s.Kind == SdpMediaKind.Audio && s.Packets >= 50)
                && streams.Any(s => s.Kind == SdpMediaKind.Video && s.FramesCompleted >= 30 && s.KeyFrames >= 1);
        }, "50 audio packets and 30 video frames at the subscriber");

        var snapshot = subscriber.Incoming.Snapshot();
        ReceiveStreamSnapshot audioIn = Assert.Single(snapshot, s => s.Kind == SdpMediaKind.Audio);
        ReceiveStreamSnapshot videoIn = Assert.Single(snapshot, s => s.Kind == SdpMediaKind.Video);
        Assert.Equal(("peer-A", "peer-A"), (audioIn.StreamId, videoIn.StreamId));
        if (simulatedLoss == 0)
        {
            Assert.InRange(audioIn.Lost, 0, audioIn.Expected / 100);
            Assert.InRange(videoIn.Lost, 0, videoIn.Expected / 100);
        }
        else
        {
            // Every discarded packet shows as lost (nothing else lost on loopback), and some came back by RTX.
            await SfuHarness.WaitUntilAsync(() => subscriber.Incoming.Snapshot().Single(s => s.Kind == SdpMediaKind.Video).Recovered > 0, "a retransmission");
            long dropsBefore = subscriber.Counters.SimulatedDrops;
            snapshot = subscriber.Incoming.Snapshot();
            long dropsAfter = subscriber.Counters.SimulatedDrops;
            long lost = snapshot.Sum(s => s.Lost);
            // Every loss is a discarded packet; discarded packets after a stream's highest sequence are not expected yet.
            Assert.InRange(lost, dropsBefore - 5, dropsAfter);
            Assert.InRange(lost, snapshot.Sum(s => s.Expected) * 0.02, snapshot.Sum(s => s.Expected) * 0.10);
            Assert.True(subscriber.Counters.NackSent > 0);
            Assert.True(subscriber.Incoming.RetransmissionPackets > 0);
        }
        Assert.True(audioIn.DelaySamples > 0 && videoIn.DelaySamples > 0, "the probes survive the SFU's rewriting");
        Assert.True(audioIn.DelayP50Micros >= 0);
        Assert.True(source.KeyFramesSent >= 2, "the first frame and the one the PLI asked for");
        Assert.True(publisher.Counters.PliReceived + publisher.Counters.FirReceived >= 1);
    }
}
