using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

public class SubscriberOfferTests
{
    /// <summary>The fingerprint written in <see cref="CapturedChromiumAnswers.SfuOffer"/>.</summary>
    private static readonly SdpFingerprint SfuFingerprint = new(
        "sha-256", "03:90:58:C6:F2:C0:CB:49:2C:53:3B:0A:4D:14:EF:77:CC:0F:78:AB:CC:CE:D5:28:7D:84:A1:A2:01:1C:FB:81");

    private static SubscriberOfferOptions Options(IReadOnlyList<ExtMap>? extensions = null) => new()
    {
        IceUfrag = "sfuU",
        IcePwd = "sfuPasswordThatIsLongEnough",
        Fingerprint = SfuFingerprint,
        Candidates = [new IceCandidate { Priority = 2130706431, Address = "127.0.0.1", Port = 40000 }],
        SessionId = 555,
        SessionVersion = 1,
        AudioExtensions = extensions ?? SubscriberOfferOptions.DefaultAudioExtensions,
        VideoExtensions = extensions ?? SubscriberOfferOptions.DefaultVideoExtensions,
    };

    private static readonly OutgoingTrack[] Tracks =
    [
        new("a0", MediaKind.Audio, "peer1", "audio1", 1111, null, "peer1"),
        new("v0", MediaKind.Video, "peer1", "video1", 2222, 2223, "peer1"),
    ];

    [Fact]
    public void OfferIsTheOneChromiumAccepted()
    {
        ExtMap[] extensions = [new(4, RtpHeaderExtensionUris.Mid), new(3, RtpHeaderExtensionUris.TransportWideCc)];

        string offer = SdpWriter.Write(SubscriberOfferBuilder.Build(Options(extensions), Tracks));

        Assert.Equal(ChromiumOffers.WithCrLf(CapturedChromiumAnswers.SfuOffer), offer);
    }

    [Fact]
    public void ChromiumsAnswerToTheOfferIsRead()
    {
        Assert.True(SdpParser.TryParse(CapturedChromiumAnswers.ToSfuOffer, out SessionDescription? answer, out string? error), error);

        Assert.Equal(["a0", "v0"], answer.BundleGroup!.Mids);
        Assert.All(answer.Media, m => Assert.Equal(MediaDirection.RecvOnly, m.Direction));
        Assert.All(answer.Media, m => Assert.Equal(SdpSetupRole.Active, m.Setup));
        Assert.Equal(["96", "97", "102", "103"], answer.Media[1].Formats);
        Assert.Equal(97, answer.Media[1].FindRtxPayloadType(96));
        Assert.Equal("mBNf", answer.IceUfragFor(answer.Media[0]));
        Assert.Empty(answer.Media[0].SsrcAttributes);
    }

    [Fact]
    public void DefaultOfferCarriesStreamsSsrcsAndExtensions()
    {
        OutgoingTrack[] tracks = [.. Tracks, new OutgoingTrack("v1", MediaKind.Video, "peer2", "video2", 3333, 3334, "peer2", Active: false)];

        SessionDescription offer = SubscriberOfferBuilder.Build(Options(), tracks);

        Assert.True(offer.IceLite);
        Assert.Equal(["a0", "v0", "v1"], offer.BundleGroup!.Mids);
        MediaDescription audio = offer.Media[0];
        Assert.Equal([1, 3, 4], audio.Extensions.Select(e => e.Id));
        Assert.Single(audio.Candidates);
        Assert.True(audio.EndOfCandidates);
        MediaDescription video = offer.Media[1];
        Assert.Equal(MediaDirection.SendOnly, video.Direction);
        Assert.Equal(SdpSetupRole.ActPass, video.Setup);
        Assert.Equal(new Msid("peer1", "video1"), Assert.Single(video.Msids));
        Assert.Equal([2222u, 2223u], Assert.Single(video.SsrcGroups).Ssrcs);
        Assert.Equal([2222u, 2223u], video.SsrcAttributes.Select(s => s.Ssrc));
        Assert.Empty(video.Candidates);
        MediaDescription inactive = offer.Media[2];
        Assert.Equal(MediaDirection.Inactive, inactive.Direction);
        Assert.Empty(inactive.Msids);
        Assert.Empty(inactive.SsrcAttributes);
        Assert.True(SdpParser.TryParse(SdpWriter.Write(offer), out _, out string? error), error);
    }

    [Fact]
    public void EmptyTrackListIsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => SubscriberOfferBuilder.Build(Options(), []));
}
