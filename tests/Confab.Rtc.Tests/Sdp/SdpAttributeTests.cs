using Confab.Rtc.Sdp;

namespace Confab.Rtc.Tests.Sdp;

public class SdpAttributeTests
{
    [Theory]
    [InlineData("candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1")]
    [InlineData("2317006405 1 udp 1686052607 203.0.113.7 46243 typ srflx raddr 192.168.0.196 rport 46243 generation 0")]
    [InlineData("3 1 tcp 1518280447 192.168.0.196 9 typ host tcptype active")]
    [InlineData("4 2 UDP 41885439 5c7a1b2e-8d3f-4a6b-9c0d-1e2f3a4b5c6d.local 50000 typ relay raddr 0.0.0.0 rport 0")]
    public void CandidateRoundTrips(string text)
    {
        Assert.True(IceCandidate.TryParse(text, out IceCandidate? candidate, out string? error), error);
        string withoutPrefix = text.StartsWith("candidate:", StringComparison.Ordinal) ? text[10..] : text;

        Assert.Equal(withoutPrefix, candidate!.ToString());
        Assert.Equal("candidate:" + withoutPrefix, candidate.ToCandidateString());
    }

    [Fact]
    public void CandidateFieldsAreRead()
    {
        Assert.True(IceCandidate.TryParse(
            "candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 10.0.0.2 rport 61665 generation 0 ufrag EsAw network-cost 999",
            out IceCandidate? c, out _));

        Assert.Equal("842163049", c!.Foundation);
        Assert.Equal(1, c.Component);
        Assert.Equal(1677729535u, c.Priority);
        Assert.Equal(("203.0.113.7", 61665, "srflx"), (c.Address, c.Port, c.Type));
        Assert.Equal(("10.0.0.2", (int?)61665), (c.RelatedAddress, c.RelatedPort));
        Assert.Equal(["generation", "ufrag", "network-cost"], c.Extensions.Select(e => e.Key));
        Assert.Equal("EsAw", c.GetExtension("ufrag"));
        Assert.Null(c.GetExtension("tcptype"));
    }

    [Theory]
    [InlineData("", "at least 8 fields")]
    [InlineData("1 1 udp 2122260223 192.168.0.1 5000 typ", "at least 8 fields")]
    [InlineData("1 0 udp 2122260223 192.168.0.1 5000 typ host", "component")]
    [InlineData("1 1 udp 4294967296 192.168.0.1 5000 typ host", "priority")]
    [InlineData("1 1 udp -5 192.168.0.1 5000 typ host", "priority")]
    [InlineData("1 1 udp 1 192.168.0.1 65536 typ host", "port")]
    [InlineData("1 1 udp 1 192.168.0.1 5000 typo host", "typ")]
    [InlineData("1 1 udp 1 192.168.0.1 5000 typ host generation", "pairs")]
    [InlineData("1 1 udp 1 192.168.0.1 5000 typ srflx raddr 1.2.3.4 rport 99999", "rport")]
    [InlineData("f*o 1 udp 1 192.168.0.1 5000 typ host", "foundation")]
    [InlineData("123456789012345678901234567890123 1 udp 1 192.168.0.1 5000 typ host", "foundation")]
    public void BadCandidatesAreRefused(string text, string expected)
    {
        Assert.False(IceCandidate.TryParse(text, out IceCandidate? candidate, out string? error));
        Assert.Null(candidate);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send q;h;f", 3, 0)]
    [InlineData("recv 1,2;3", 2, 0)]
    [InlineData("send 1;~2 recv 3", 2, 1)]
    [InlineData("recv a send b", 1, 1)]
    public void SimulcastRoundTrips(string text, int firstListCount, int secondListCount)
    {
        Assert.True(Simulcast.TryParse(text, out Simulcast? simulcast, out string? error), error);
        bool sendFirst = text.StartsWith("send", StringComparison.Ordinal);
        List<List<SimulcastStream>> first = sendFirst ? simulcast!.Send : simulcast!.Recv;
        List<List<SimulcastStream>> second = sendFirst ? simulcast.Recv : simulcast.Send;

        Assert.Equal(firstListCount, first.Count);
        Assert.Equal(secondListCount, second.Count);
        if (sendFirst)
        {
            Assert.Equal(text, simulcast.ToString());
        }
    }

    [Fact]
    public void SimulcastAlternativesAndPausedStreamsAreRead()
    {
        Assert.True(Simulcast.TryParse("recv 1,2;~3", out Simulcast? simulcast, out _));

        Assert.Equal([new SimulcastStream("1"), new SimulcastStream("2")], simulcast!.Recv[0]);
        Assert.Equal(new SimulcastStream("3", Paused: true), Assert.Single(simulcast.Recv[1]));
        Assert.Equal("recv 1,2;~3", simulcast.ToString());
    }

    [Theory]
    [InlineData("send")]
    [InlineData("both q")]
    [InlineData("send q send h")]
    [InlineData("send q;;h")]
    [InlineData("send rid=q;h")]
    [InlineData("send q recv")]
    public void BadSimulcastIsRefused(string text)
    {
        Assert.False(Simulcast.TryParse(text, out Simulcast? simulcast, out string? error));
        Assert.Null(simulcast);
        Assert.NotNull(error);
    }

    [Fact]
    public void RidWithRestrictionsRoundTrips()
    {
        const string text = "h send pt=96,98;max-width=640;max-height=360;max-fps=30";
        Assert.True(Rid.TryParse(text, out Rid? rid, out string? error), error);

        Assert.Equal(("h", RidDirection.Send), (rid!.Id, rid.Direction));
        Assert.Equal([96, 98], rid.PayloadTypes);
        Assert.Equal("640", rid.Restrictions["max-width"]);
        Assert.Equal(["max-width", "max-height", "max-fps"], rid.Restrictions.Keys);
        Assert.Equal(text, rid.ToString());
        Assert.True(Rid.TryParse("lo recv max-br=100000", out Rid? recv, out _));
        Assert.Equal("lo recv max-br=100000", recv!.ToString());
    }

    [Theory]
    [InlineData("q")]
    [InlineData("q sideways")]
    [InlineData("q! send")]
    [InlineData("q send pt=")]
    [InlineData("q send max-width=1;pt=96")]
    [InlineData("q send pt=96,x")]
    public void BadRidIsRefused(string text)
    {
        Assert.False(Rid.TryParse(text, out _, out string? error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", 1, null, null, true)]
    [InlineData("3/recvonly urn:x vad=on", 3, MediaDirection.RecvOnly, "vad=on", true)]
    [InlineData("15 urn:x", 15, null, null, false)]
    [InlineData("255 urn:x", 255, null, null, false)]
    public void ExtMapIsRead(string text, int id, MediaDirection? direction, string? attributes, bool oneByte)
    {
        Assert.True(ExtMap.TryParse(text, out ExtMap? extMap, out string? error), error);

        Assert.Equal((id, direction, attributes, oneByte), (extMap!.Id, extMap.Direction, extMap.Attributes, extMap.FitsOneByteHeader));
        Assert.Equal(text, extMap.ToString());
    }

    [Theory]
    [InlineData("0 urn:x")]
    [InlineData("256 urn:x")]
    [InlineData("1")]
    [InlineData("x urn:x")]
    [InlineData("1/both urn:x")]
    public void BadExtMapIsRefused(string text) =>
        Assert.False(ExtMap.TryParse(text, out _, out _));

    [Fact]
    public void FingerprintFromDigestIsUpperCaseHexWithColons()
    {
        SdpFingerprint fingerprint = SdpFingerprint.FromDigest("sha-256", [0x0a, 0xbc, 0xff]);

        Assert.Equal("sha-256 0A:BC:FF", fingerprint.ToString());
        Assert.True(SdpFingerprint.TryParse("SHA-256 0a:bc:ff", out SdpFingerprint? parsed, out _));
        Assert.Equal(fingerprint, parsed);
    }

    [Theory]
    [InlineData("sha-256")]
    [InlineData("sha-256 0A:BC:F")]
    [InlineData("sha-256 0A-BC")]
    [InlineData("sha-256 0A:BC:")]
    public void BadFingerprintIsRefused(string text) =>
        Assert.False(SdpFingerprint.TryParse(text, out _, out _));

    [Fact]
    public void DirectionsAndSetupRolesHaveTheirSdpNames()
    {
        foreach (MediaDirection direction in Enum.GetValues<MediaDirection>())
        {
            Assert.True(SdpEnums.TryParseDirection(direction.ToSdp(), out MediaDirection back));
            Assert.Equal(direction, back);
        }
        foreach (SdpSetupRole role in Enum.GetValues<SdpSetupRole>())
        {
            Assert.True(SdpEnums.TryParseSetup(role.ToSdp(), out SdpSetupRole back));
            Assert.Equal(role, back);
        }
        Assert.Equal(MediaDirection.SendOnly, SdpEnums.FromFlags(sends: true, receives: false));
        Assert.False(SdpEnums.TryParseDirection("SENDRECV", out _));
    }
}
