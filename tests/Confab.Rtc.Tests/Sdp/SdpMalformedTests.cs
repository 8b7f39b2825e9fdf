using System.Text;
using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

public class SdpMalformedTests
{
    private const string Minimal = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n";

    /// <summary>The audio/video offer with one line replaced (the line must exist).</summary>
    private static string Replace(string line, string replacement)
    {
        string text = ChromiumOffers.AudioVideo;
        Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        return text.Replace(line + "\n", replacement.Length == 0 ? "" : replacement + "\n", StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Cases() => new()
    {
        // name, SDP text, a fragment the error must contain
        { "empty", "", "empty" },
        { "missing v=", ChromiumOffers.AudioVideo[4..], "first line must be v=0" },
        { "v=1", "v=1\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n", "first line must be v=0" },
        { "s= before o=", "v=0\ns=-\no=- 1 1 IN IP4 127.0.0.1\nt=0 0\n", "second line must be o=" },
        { "o= with 5 fields", "v=0\no=- 1 1 IN IP4\ns=-\nt=0 0\n", "o= needs 6 fields" },
        { "o= id not numeric", "v=0\no=- abc 1 IN IP4 127.0.0.1\ns=-\nt=0 0\n", "decimal" },
        { "empty s=", "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=\nt=0 0\n", "s= must not be empty" },
        { "no t=", "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\n", "no t= line" },
        { "m= before t=", "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nm=audio 9 RTP/AVP 0\nt=0 0\n", "m= before any t=" },
        { "only v=", "v=0\n", "must start with v=, o= and s=" },
        { "bad port", Replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio 70000 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126"), "port '70000'" },
        { "negative port", Replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio -1 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126"), "port '-1'" },
        { "pt 300 in m=", Replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio 9 UDP/TLS/RTP/SAVPF 111 300"), "payload type '300'" },
        { "pt 300 in rtpmap", Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:300 opus/48000/2"), "payload type '300'" },
        { "rtpmap for unlisted pt", Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:120 opus/48000/2"), "does not list" },
        { "two rtpmaps for one pt", Replace("a=rtpmap:9 G722/8000", "a=rtpmap:111 G722/8000"), "two rtpmap" },
        { "clock rate 0", Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus/0/2"), "clock rate" },
        { "clock rate missing", Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus"), "rtpmap must be" },
        { "pt listed twice", Replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio 9 UDP/TLS/RTP/SAVPF 111 111"), "twice" },
        { "m= without formats", Replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio 9 UDP/TLS/RTP/SAVPF"), "m= must be" },
        { "extmap 0", Replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:0 urn:ietf:params:rtp-hdrext:ssrc-audio-level"), "extmap id '0'" },
        { "extmap 256", Replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:256 urn:ietf:params:rtp-hdrext:ssrc-audio-level"), "extmap id '256'" },
        { "extmap id twice", Replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:2 urn:ietf:params:rtp-hdrext:ssrc-audio-level"), "used twice" },
        { "extmap bad direction", Replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:1/sideways urn:x"), "direction" },
        { "junk line", Replace("a=rtcp-mux", "hello world"), "expected '<letter>=<value>'" },
        { "upper-case type", Replace("a=rtcp-mux", "A=rtcp-mux"), "expected '<letter>=<value>'" },
        { "unknown type letter", Replace("a=rtcp-mux", "x=rtcp-mux"), "'x=' is not allowed" },
        { "o= inside a section", Replace("a=rtcp-mux", "o=- 1 1 IN IP4 127.0.0.1"), "not allowed inside an m= section" },
        { "empty line in the middle", ChromiumOffers.AudioVideo.Replace("a=rtcp-mux\n", "\n", StringComparison.Ordinal), "empty line" },
        { "NUL in a line", Replace("a=rtcp-mux", "a=rtcp\0mux"), "NUL" },
        { "duplicate mids", Replace("a=mid:1", "a=mid:0"), "mid '0' is used by two" },
        { "two mids in a section", Replace("a=mid:1", "a=mid:1\na=mid:2"), "more than one a=mid" },
        { "mid with a space", Replace("a=mid:1", "a=mid:1 2"), "mid must be a token" },
        { "bad setup", Replace("a=setup:actpass\na=mid:0", "a=setup:sometimes\na=mid:0"), "setup must be" },
        { "bad fingerprint hex", Replace("a=msid-semantic: WMS 9d9a6d3c-3c2e-4b7e-8f0a-4a1f7d3b2c10", "a=fingerprint:sha-256 7B:8G"), "hex" },
        { "fingerprint without value", Replace("a=msid-semantic: WMS 9d9a6d3c-3c2e-4b7e-8f0a-4a1f7d3b2c10", "a=fingerprint:sha-256"), "fingerprint must be" },
        { "short ice-pwd", Replace("a=msid-semantic: WMS 9d9a6d3c-3c2e-4b7e-8f0a-4a1f7d3b2c10", "a=ice-pwd:short"), "ice-pwd must be" },
        { "ice-ufrag with a space char", Replace("a=msid-semantic: WMS 9d9a6d3c-3c2e-4b7e-8f0a-4a1f7d3b2c10", "a=ice-ufrag:ab-cd"), "ice-ufrag must be" },
        { "candidate port", Replace("a=rtcp-mux", "a=candidate:1 1 udp 2122260223 192.168.0.1 65536 typ host"), "candidate port" },
        { "candidate without typ", Replace("a=rtcp-mux", "a=candidate:1 1 udp 2122260223 192.168.0.1 5000 type host"), "typ" },
        { "ssrc not a number", Replace("a=ssrc:3735928559 cname:mZ0b4kT3sQ9pW2xR", "a=ssrc:4294967296 cname:x"), "32-bit" },
        { "ssrc-group member", Replace("a=ssrc-group:FID 2882400001 2882400002", "a=ssrc-group:FID 2882400001 x"), "ssrc-group member" },
        { "simulcast without rid lines", ChromiumOffers.Simulcast.Replace("a=rid:h send\n", "", StringComparison.Ordinal), "rid 'h'" },
        { "simulcast empty rid", ChromiumOffers.Simulcast.Replace("send q;h;f", "send q;;f", StringComparison.Ordinal), "simulcast rid" },
        { "rid bad direction", ChromiumOffers.Simulcast.Replace("a=rid:q send", "a=rid:q both", StringComparison.Ordinal), "send or recv" },
        { "rid pt 200", ChromiumOffers.Simulcast.Replace("a=rid:q send", "a=rid:q send pt=200", StringComparison.Ordinal), "pt=" },
        { "rid twice", ChromiumOffers.Simulcast.Replace("a=rid:h send", "a=rid:q send", StringComparison.Ordinal), "declared twice" },
        { "sctp-port 70000", ChromiumOffers.DataChannel.Replace("a=sctp-port:5000", "a=sctp-port:70000", StringComparison.Ordinal), "sctp-port" },
        { "max-message-size text", ChromiumOffers.DataChannel.Replace("a=max-message-size:262144", "a=max-message-size:lots", StringComparison.Ordinal), "max-message-size" },
        { "two c= in a section", Replace("a=rtcp-mux", "c=IN IP4 0.0.0.0"), "more than one c=" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedSdpIsRefusedWithAnError(string name, string text, string expectedError)
    {
        bool ok = SdpParser.TryParse(text, out SessionDescription? sdp, out string? error);

        Assert.False(ok, name);
        Assert.Null(sdp);
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorNamesTheLine()
    {
        string text = Replace("a=mid:1", "a=mid:0");
        int secondMidLine = text.Split('\n').Select((l, i) => (Line: l, Number: i + 1)).Last(x => x.Line == "a=mid:0").Number;

        Assert.False(SdpParser.TryParse(text, out _, out string? error));
        Assert.Equal($"line {secondMidLine}: mid '0' is used by two m= sections", error);
    }

    [Fact]
    public void NullIsRefused()
    {
        Assert.False(SdpParser.TryParse(null, out _, out string? error));
        Assert.Equal("SDP is empty", error);
    }

    [Fact]
    public void HundredThousandLinesAreRefusedByLength()
    {
        var b = new StringBuilder(Minimal);
        for (int i = 0; i < 100_000; i++)
        {
            b.Append("a=x\n");
        }

        Assert.False(SdpParser.TryParse(b.ToString(), out SessionDescription? sdp, out string? error));
        Assert.Null(sdp);
        Assert.Contains("above the limit of 262144", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HundredThousandLinesAreRefusedByLineCountBeforeParsing()
    {
        var b = new StringBuilder(Minimal);
        for (int i = 0; i < 100_000; i++)
        {
            b.Append("a=x\n");
        }
        var limits = SdpLimits.Default with { MaxTextLength = 10_000_000 };

        Assert.False(SdpParser.TryParse(b.ToString(), limits, out _, out string? error));
        Assert.Equal("SDP has 100005 lines, above the limit of 20000", error);
    }

    [Fact]
    public void OneMegabyteLineIsRefused()
    {
        string text = Minimal + "a=fmtp:96 " + new string('x', 1024 * 1024) + "\n";

        Assert.False(SdpParser.TryParse(text, out _, out string? error));
        Assert.Contains("above the limit", error, StringComparison.Ordinal);

        var limits = SdpLimits.Default with { MaxTextLength = 4 * 1024 * 1024 };
        Assert.False(SdpParser.TryParse(text, limits, out _, out string? lineError));
        Assert.StartsWith("line 5: 1048586 characters, above the limit of 4096", lineError, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyMediaSectionsAreRefused()
    {
        var b = new StringBuilder(Minimal);
        for (int i = 0; i < 513; i++)
        {
            b.Append("m=audio 9 UDP/TLS/RTP/SAVPF 0\n");
        }

        Assert.False(SdpParser.TryParse(b.ToString(), out _, out string? error));
        Assert.Equal("line 517: more than 512 m= sections", error);
    }

    [Fact]
    public void ExactlyTheMaximumOfMediaSectionsIsAccepted()
    {
        var b = new StringBuilder(Minimal);
        for (int i = 0; i < 512; i++)
        {
            b.Append("m=audio 9 UDP/TLS/RTP/SAVPF 0\n");
        }

        Assert.True(SdpParser.TryParse(b.ToString(), out SessionDescription? sdp, out string? error), error);
        Assert.Equal(512, sdp.Media.Count);
    }

    [Fact]
    public void TooManyAttributesInOneSectionAreRefused()
    {
        var b = new StringBuilder(Minimal).Append("m=audio 9 UDP/TLS/RTP/SAVPF 0\n");
        for (int i = 0; i < 1001; i++)
        {
            b.Append("a=x-filler\n");
        }

        Assert.False(SdpParser.TryParse(b.ToString(), out _, out string? error));
        Assert.Equal("line 1006: more than 1000 attributes in one m= section", error);
    }

    [Fact]
    public void TooManySessionAttributesAreRefused()
    {
        var b = new StringBuilder(Minimal);
        for (int i = 0; i < 1001; i++)
        {
            b.Append("a=x-filler\n");
        }

        Assert.False(SdpParser.TryParse(b.ToString(), out _, out string? error));
        Assert.Equal("line 1005: more than 1000 session attributes", error);
    }

    [Fact]
    public void TrailingBlankLinesAreAccepted()
    {
        Assert.True(SdpParser.TryParse(Minimal + "\r\n\r\n", out SessionDescription? sdp, out string? error), error);
        Assert.Empty(sdp.Media);
    }
}
