namespace Confab.Rtc.Tests.Rtp;

/// <summary>RTP packets shaped like the ones Chromium sends, with one comment per field.</summary>
internal static class RtpSamples
{
    public const byte AbsSendTimeId = 2;
    public const byte TransportSequenceId = 3;
    public const byte MidId = 4;
    public const byte AudioLevelId = 1;

    /// <summary>A VP8 packet with abs-send-time, transport-wide sequence number and mid in the one-byte form.</summary>
    public static byte[] Vp8WithOneByteExtensions() => Hex.Bytes(
        "90",          // V=2, P=0, X=1, CC=0
        "e0",          // M=1, PT=96
        "1234",        // sequence number 4660
        "000dbba0",    // timestamp 900000
        "deadbeef",    // SSRC
        "bede",        // one-byte extension profile
        "0003",        // length: 3 words
        "22 123456",   // id=2 (abs-send-time), L=2 → 3 bytes
        "31 002a",     // id=3 (transport-wide cc), L=1 → 2 bytes: 42
        "40 30",       // id=4 (sdes:mid), L=0 → 1 byte: "0"
        "000000",      // padding to the word boundary
        "10009d01");   // payload: VP8 descriptor and frame start

    /// <summary>An Opus packet with an RFC 6464 audio level.</summary>
    public static byte[] OpusWithAudioLevel() => Hex.Bytes(
        "90",          // V=2, P=0, X=1, CC=0
        "6f",          // M=0, PT=111
        "0001",        // sequence number 1
        "00000960",    // timestamp 2400
        "11223344",    // SSRC
        "bede",        // one-byte extension profile
        "0001",        // length: 1 word
        "10 85",       // id=1 (audio level), L=0 → V=1, level 5 dBov below full scale
        "0000",        // padding
        "fcff fe");    // payload: Opus TOC and frame

    /// <summary>A packet with two CSRCs, the two-byte extension form and RTP padding.</summary>
    public static byte[] TwoByteExtensionsCsrcsPadding() => Hex.Bytes(
        "b2",          // V=2, P=1, X=1, CC=2
        "08",          // M=0, PT=8 (PCMA)
        "ffff",        // sequence number 65535
        "ffffff00",    // timestamp
        "01020304",    // SSRC
        "0a0b0c0d",    // CSRC 1
        "0e0f1011",    // CSRC 2
        "1000",        // two-byte extension profile, appbits 0
        "0003",        // length: 3 words
        "0a 01 68",    // id=10 (rid), length 1: "h"
        "0b 00",       // id=11, length 0
        "02 03 112233",// id=2, length 3
        "0000",        // padding to the word boundary
        "d5d5d5d5",    // payload: 4 bytes
        "000003");     // RTP padding: 3 octets, count in the last
}
