using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

/// <summary>Chromium's answer to an SFU offer on the subscribe connection (captured from Chromium 156).</summary>
public class ChromiumAnswerTests
{
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
}
