namespace Confab.Rtc.Tests.Sdp;

/// <summary>
/// What Chromium 156 answered (verbatim, CRLF turned into LF) to a subscriber offer the SFU wrote:
/// audio "a0" (Opus) and video "v0" (VP8, H.264, each with rtx), both sendonly, ICE-lite, BUNDLE.
/// </summary>
internal static class CapturedChromiumAnswers
{
    /// <summary>The offer as the SFU wrote it (<see cref="SubscriberOfferTests"/> rebuilds it).</summary>
    public const string SfuOffer = """
        v=0
        o=- 555 1 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE a0 v0
        a=extmap-allow-mixed
        a=msid-semantic: WMS *
        a=ice-lite
        m=audio 40000 UDP/TLS/RTP/SAVPF 111
        c=IN IP4 127.0.0.1
        a=mid:a0
        a=sendonly
        a=ice-ufrag:sfuU
        a=ice-pwd:sfuPasswordThatIsLongEnough
        a=fingerprint:sha-256 03:90:58:C6:F2:C0:CB:49:2C:53:3B:0A:4D:14:EF:77:CC:0F:78:AB:CC:CE:D5:28:7D:84:A1:A2:01:1C:FB:81
        a=setup:actpass
        a=rtcp-mux
        a=rtcp-rsize
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=rtpmap:111 opus/48000/2
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtcp-fb:111 transport-cc
        a=msid:peer1 audio1
        a=ssrc:1111 cname:peer1
        a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host
        a=end-of-candidates
        m=video 40000 UDP/TLS/RTP/SAVPF 96 97 102 103
        c=IN IP4 127.0.0.1
        a=mid:v0
        a=sendonly
        a=ice-ufrag:sfuU
        a=ice-pwd:sfuPasswordThatIsLongEnough
        a=fingerprint:sha-256 03:90:58:C6:F2:C0:CB:49:2C:53:3B:0A:4D:14:EF:77:CC:0F:78:AB:CC:CE:D5:28:7D:84:A1:A2:01:1C:FB:81
        a=setup:actpass
        a=rtcp-mux
        a=rtcp-rsize
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=rtpmap:96 VP8/90000
        a=rtcp-fb:96 goog-remb
        a=rtcp-fb:96 transport-cc
        a=rtcp-fb:96 ccm fir
        a=rtcp-fb:96 nack
        a=rtcp-fb:96 nack pli
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        a=rtpmap:102 H264/90000
        a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtcp-fb:102 goog-remb
        a=rtcp-fb:102 transport-cc
        a=rtcp-fb:102 ccm fir
        a=rtcp-fb:102 nack
        a=rtcp-fb:102 nack pli
        a=rtpmap:103 rtx/90000
        a=fmtp:103 apt=102
        a=msid:peer1 video1
        a=ssrc-group:FID 2222 2223
        a=ssrc:2222 cname:peer1
        a=ssrc:2223 cname:peer1

        """;

    /// <summary>Chromium's answer to <see cref="SfuOffer"/>: recvonly, setup:active.</summary>
    public const string ToSfuOffer = """
        v=0
        o=- 4540064806002032955 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE a0 v0
        a=extmap-allow-mixed
        a=msid-semantic: WMS
        m=audio 9 UDP/TLS/RTP/SAVPF 111
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:mBNf
        a=ice-pwd:mqLccgLpbL5Ee6mT+2n9eYcd
        a=ice-options:trickle
        a=fingerprint:sha-256 F5:08:80:12:8A:F5:7F:7F:E1:7B:6E:A8:8D:99:96:2F:74:EB:23:39:40:49:55:C8:47:36:3A:33:6E:EE:4C:38
        a=setup:active
        a=mid:a0
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=recvonly
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:mBNf
        a=ice-pwd:mqLccgLpbL5Ee6mT+2n9eYcd
        a=ice-options:trickle
        a=fingerprint:sha-256 F5:08:80:12:8A:F5:7F:7F:E1:7B:6E:A8:8D:99:96:2F:74:EB:23:39:40:49:55:C8:47:36:3A:33:6E:EE:4C:38
        a=setup:active
        a=mid:v0
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=recvonly
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:96 VP8/90000
        a=rtcp-fb:96 goog-remb
        a=rtcp-fb:96 transport-cc
        a=rtcp-fb:96 ccm fir
        a=rtcp-fb:96 nack
        a=rtcp-fb:96 nack pli
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        a=rtpmap:102 H264/90000
        a=rtcp-fb:102 goog-remb
        a=rtcp-fb:102 transport-cc
        a=rtcp-fb:102 ccm fir
        a=rtcp-fb:102 nack
        a=rtcp-fb:102 nack pli
        a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtpmap:103 rtx/90000
        a=fmtp:103 apt=102

        """;
}
