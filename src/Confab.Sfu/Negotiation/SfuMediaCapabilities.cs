using Confab.Rtc.Sdp;

namespace Confab.Sfu.Negotiation;

/// <summary>
/// What the SFU negotiates with publishers. Congestion-control feedback the SFU does not produce yet
/// (transport-cc, goog-remb) is left out, so browsers do not wait for reports that never come.
/// </summary>
internal static class SfuMediaCapabilities
{
    private static readonly string[] VideoFeedback = ["ccm fir", "nack", "nack pli"];

    public static MediaCapabilities Create()
    {
        var capabilities = MediaCapabilities.CreateDefault();
        ReplaceFeedback(capabilities.AudioCodecs, []);
        ReplaceFeedback(capabilities.VideoCodecs, VideoFeedback);
        capabilities.HeaderExtensions.Clear();
        capabilities.HeaderExtensions.AddRange(
        [
            RtpHeaderExtensionUris.Mid,
            RtpHeaderExtensionUris.RtpStreamId,
            RtpHeaderExtensionUris.RepairedRtpStreamId,
            RtpHeaderExtensionUris.AudioLevel,
        ]);
        return capabilities;
    }

    private static void ReplaceFeedback(List<SupportedCodec> codecs, IReadOnlyList<string> feedback)
    {
        for (int i = 0; i < codecs.Count; i++)
        {
            codecs[i] = codecs[i] with { Feedback = feedback };
        }
    }
}
