using System.Net;
using Confab.Rtc.Sdp;
using Confab.Sfu.Negotiation;

namespace Confab.Sfu.Tests.Negotiation;

public class SubscribeOfferBuilderTests
{
    private static readonly LocalTransportParameters Local = new(
        "sfuU", "sfuPasswordThatIsLongEnough",
        new SdpFingerprint("sha-256", string.Join(':', Enumerable.Repeat("AB", 32))),
        [new IPEndPoint(IPAddress.Loopback, 40000)]);

    private static SubscribedTrack Audio(string owner, uint ssrc) =>
        new(owner, $"{owner}-a", Confab.Sfu.Routing.MediaKind.Audio, ssrc, null, KnownCodecs.Opus(111), null, owner);

    private static SubscribedTrack Video(string owner, uint ssrc) =>
        new(owner, $"{owner}-v", Confab.Sfu.Routing.MediaKind.Video, ssrc, ssrc + 1, KnownCodecs.Vp8(96), KnownCodecs.Rtx(97, 96), owner);

    [Fact]
    public void OfferCarriesEachTrackSendOnlyWithItsOwnerAsStreamAndItsSsrcs()
    {
        var builder = new SubscribeOfferBuilder();
        builder.Add(Audio("p1", 1000));
        builder.Add(Video("p1", 2000));
        var offer = builder.BuildOffer(Local);

        Assert.True(offer.IceLite);
        Assert.Equal(["0", "1"], offer.BundleGroup!.Mids);
        Assert.All(offer.Media, m => Assert.Equal(MediaDirection.SendOnly, m.Direction));
        Assert.All(offer.Media, m => Assert.Equal(SdpSetupRole.ActPass, m.Setup));
        Assert.Equal("p1", offer.Media[1].Msids.Single().StreamId);
        Assert.Equal([2000u, 2001u], offer.Media[1].SsrcGroups.Single().Ssrcs);
        Assert.Equal(["96", "97"], offer.Media[1].Formats);
        Assert.Contains("nack pli", offer.Media[1].Codecs[0].Feedback);
        Assert.Single(offer.Media[0].Candidates);

        // What we write, we read back.
        Assert.True(SdpParser.TryParse(SdpWriter.Write(offer), out var parsed, out var error), error);
        Assert.Equal(2, parsed.Media.Count);
    }

    [Fact]
    public void AFreedLineTurnsInactiveAndIsReusedByTheNextTrackOfItsKind()
    {
        var builder = new SubscribeOfferBuilder();
        builder.Add(Audio("p1", 1000));
        builder.Add(Video("p1", 2000));
        builder.Add(Audio("p2", 3000));
        builder.BuildOffer(Local);

        Assert.True(builder.Remove(1000));
        Assert.False(builder.Remove(1000));
        var offer = builder.BuildOffer(Local);
        Assert.Equal(MediaDirection.Inactive, offer.Media[0].Direction);
        Assert.Empty(offer.Media[0].Msids);
        Assert.Equal(2UL, offer.Origin.SessionVersion);

        string mid = builder.Add(Audio("p3", 4000));
        Assert.Equal("0", mid);
        offer = builder.BuildOffer(Local);
        Assert.Equal(3, offer.Media.Count);
        Assert.Equal("p3", offer.Media[0].Msids.Single().StreamId);
    }

    [Fact]
    public void ALongMeetingDoesNotGrowTheOffer()
    {
        var builder = new SubscribeOfferBuilder();
        uint ssrc = 1;
        for (int round = 0; round < 200; round++)
        {
            uint audio = ssrc++;
            uint video = ssrc += 2;
            builder.Add(Audio($"p{round}", audio));
            builder.Add(Video($"p{round}", video));
            builder.BuildOffer(Local);
            builder.Remove(audio);
            builder.Remove(video);
        }
        Assert.Equal(2, builder.SlotCount);
        Assert.Equal(2, builder.BuildOffer(Local).Media.Count);
    }
}
