using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

/// <summary>
/// The parser, writer and answer builder against offers that Chromium 156 itself created. Answers
/// built by <see cref="AnswerBuilder"/> for these offers were given back to that Chromium's
/// setRemoteDescription, which accepted each of them and kept three simulcast encodings (q, h, f).
/// </summary>
public class CapturedChromiumOfferTests
{
    public static TheoryData<string> Offers() => new(
        CapturedChromiumOffers.AudioVideo, CapturedChromiumOffers.Simulcast,
        CapturedChromiumReceiveOffers.RecvOnly, CapturedChromiumReceiveOffers.DataChannel);

    private static SessionDescription Parse(string text)
    {
        Assert.True(SdpParser.TryParse(ChromiumOffers.WithCrLf(text), out SessionDescription? sdp, out string? error), error);
        return sdp;
    }

    private static SessionDescription Answer(string offer, bool acceptDataChannel = false)
    {
        var options = new AnswerOptions
        {
            IceUfrag = "sfuU",
            IcePwd = "sfuPasswordThatIsLongEnough",
            Fingerprint = SdpFingerprint.FromDigest("sha-256", new byte[32]),
            Candidates = [new IceCandidate { Priority = 2130706431, Address = "127.0.0.1", Port = 40000 }],
            AcceptDataChannel = acceptDataChannel,
        };
        Assert.True(AnswerBuilder.TryBuild(Parse(offer), options, out SessionDescription? answer, out string? error), error);
        return answer;
    }

    private static string[] SortedLines(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Offers))]
    public void EveryLineSurvivesParseAndWrite(string offer)
    {
        string written = SdpWriter.Write(Parse(offer));

        Assert.Equal(SortedLines(offer), SortedLines(written));
    }

    [Fact]
    public void AudioVideoOfferIsReadAndAnswered()
    {
        SessionDescription offer = Parse(CapturedChromiumOffers.AudioVideo);
        Assert.Equal(new SdpAttribute("rtcp-xr", "rcvr-rtt=all"), offer.Media[1].OtherAttributes[1]);
        Assert.Equal(23, offer.Media[1].Codecs.Count);
        Assert.Equal([107196139u, 4200146704u], Assert.Single(offer.Media[1].SsrcGroups).Ssrcs);

        SessionDescription answer = Answer(CapturedChromiumOffers.AudioVideo);

        Assert.Equal(["111"], answer.Media[0].Formats);
        Assert.Equal(["96", "97", "102", "103", "108", "109", "116", "117", "98", "99"], answer.Media[1].Formats);
        Assert.Equal(["0", "1"], answer.BundleGroup!.Mids);
    }

    [Fact]
    public void SimulcastOfferIsAnsweredWithRecvRidsAndItsOwnExtensionIds()
    {
        SessionDescription answer = Answer(CapturedChromiumOffers.Simulcast);
        MediaDescription video = Assert.Single(answer.Media);

        Assert.Equal("recv q;h;f", video.Simulcast!.ToString());
        Assert.Equal(["q recv", "h recv", "f recv"], video.Rids.Select(r => r.ToString()));
        Assert.Equal(9, video.FindExtension(RtpHeaderExtensionUris.Mid)!.Id);
        Assert.Equal(10, video.FindExtension(RtpHeaderExtensionUris.RtpStreamId)!.Id);
        Assert.Equal(4, video.FindExtension(RtpHeaderExtensionUris.TransportWideCc)!.Id);
        Assert.Equal(MediaDirection.RecvOnly, video.Direction);
    }

    [Fact]
    public void RecvOnlyOfferOffersMoreReceiveCodecsThanTheSfuTakes()
    {
        SessionDescription offer = Parse(CapturedChromiumReceiveOffers.RecvOnly);
        Assert.All(offer.Media, m => Assert.Equal(MediaDirection.RecvOnly, m.Direction));
        Assert.Equal("1", offer.Media[1].FindCodec(35)!.GetParameter("profile-id"));

        SessionDescription answer = Answer(CapturedChromiumReceiveOffers.RecvOnly);

        // VP9 profiles 1, 2 and 3 are not taken; only profile 0 (98) with its rtx (99).
        Assert.Contains("98", answer.Media[1].Formats);
        Assert.DoesNotContain("35", answer.Media[1].Formats);
        Assert.DoesNotContain("100", answer.Media[1].Formats);
        Assert.All(answer.Media, m => Assert.Equal(MediaDirection.Inactive, m.Direction));
    }

    [Fact]
    public void DataChannelOfferIsAnsweredEitherWay()
    {
        Assert.Equal(0, Answer(CapturedChromiumReceiveOffers.DataChannel).Media[1].Port);
        MediaDescription accepted = Answer(CapturedChromiumReceiveOffers.DataChannel, acceptDataChannel: true).Media[1];
        Assert.Equal((40000, (int?)5000), (accepted.Port, accepted.SctpPort));
    }
}
