using Confab.Rtc.Tests.Rtp;

namespace Confab.Rtc.Tests.Rtcp;

/// <summary>RTCP packets shaped like the ones Chromium sends, one comment per field.</summary>
internal static class RtcpSamples
{
    public const uint ChromeSsrc = 0x1b2c3d4e;
    public const string ChromeCname = "q7sVDOZTqNxAd1Kx";

    /// <summary>An SR without report blocks followed by an SDES with the 16-character CNAME Chromium makes up.</summary>
    public static byte[] SenderReportAndSdes() => Hex.Bytes(
        "80",                                // V=2, P=0, RC=0
        "c8",                                // PT=200 (SR)
        "0006",                              // length: 6 words + 1 = 28 bytes
        "1b2c3d4e",                          // SSRC of sender
        "e94a6b2c 5d800000",                 // NTP timestamp
        "00015f90",                          // RTP timestamp 90000
        "0000012c",                          // packet count 300
        "000493e0",                          // octet count 300000
        "81",                                // V=2, P=0, SC=1
        "ca",                                // PT=202 (SDES)
        "0006",                              // length: 28 bytes
        "1b2c3d4e",                          // chunk 1 SSRC
        "01",                                // item CNAME
        "10",                                // length 16
        "71377356444f5a54714e784164314b78", // "q7sVDOZTqNxAd1Kx"
        "0000");                             // terminator and alignment

    /// <summary>An SR with one report block.</summary>
    public static byte[] SenderReportWithBlock() => Hex.Bytes(
        "81",                 // V=2, P=0, RC=1
        "c8",                 // PT=200
        "000c",               // length: 52 bytes
        "1b2c3d4e",           // SSRC of sender
        "e94a6b2c 5d800000",  // NTP timestamp
        "00015f90",           // RTP timestamp
        "0000012c",           // packet count
        "000493e0",           // octet count
        "0a0b0c0d",           // report block: SSRC of source
        "40",                 // fraction lost 64/256
        "fffffe",             // cumulative lost −2 (duplicates)
        "00010005",           // extended highest seq: cycle 1, seq 5
        "00000022",           // jitter 34
        "4a6b2c5d",           // LSR
        "00018000");          // DLSR 1.5 s

    /// <summary>A generic NACK for 1111, 1112, 1114 (PID 1111, BLP bits 0 and 2).</summary>
    public static byte[] Nack() => Hex.Bytes(
        "81",       // V=2, P=0, FMT=1
        "cd",       // PT=205 (RTPFB)
        "0003",     // length: 16 bytes
        "00000001", // SSRC of packet sender
        "deadbeef", // SSRC of media source
        "0457",     // PID 1111
        "0005");    // BLP: 1112, 1114

    /// <summary>A REMB of 1 Mbps for one SSRC.</summary>
    public static byte[] Remb() => Hex.Bytes(
        "8f",       // V=2, P=0, FMT=15
        "ce",       // PT=206 (PSFB)
        "0005",     // length: 24 bytes
        "00000001", // SSRC of packet sender
        "00000000", // SSRC of media source: unused
        "52454d42", // "REMB"
        "01",       // Num SSRC 1
        "0bd090",   // exp 2, mantissa 250000 → 1,000,000 bps
        "deadbeef");// SSRC feedback

    /// <summary>Transport-cc feedback: one run-length chunk of 8 received packets, padded with the P bit as libwebrtc does.</summary>
    public static byte[] TransportCcRunLength() => Hex.Bytes(
        "af",                  // V=2, P=1, FMT=15
        "cd",                  // PT=205 (RTPFB)
        "0007",                // length: 32 bytes
        "00000001",            // SSRC of packet sender
        "deadbeef",            // SSRC of media source
        "0064",                // base sequence number 100
        "0008",                // packet status count 8
        "0001f4",              // reference time 500 × 64 ms = 32 s
        "03",                  // feedback packet count 3
        "2008",                // run length chunk: T=0, S=01 (small delta), run 8
        "04 04 04 04 04 04 04 04", // 8 small deltas of 1 ms
        "0002");               // padding: 2 octets, count in the last

    /// <summary>Transport-cc feedback with a two-bit status vector: small, lost, large negative, small.</summary>
    public static byte[] TransportCcTwoBitVector() => Hex.Bytes(
        "af",       // V=2, P=1, FMT=15
        "cd",       // PT=205
        "0006",     // length: 28 bytes
        "00000001", // SSRC of packet sender
        "deadbeef", // SSRC of media source
        "00c8",     // base sequence number 200
        "0004",     // packet status count 4
        "123456",   // reference time
        "05",       // feedback packet count 5
        "d240",     // T=1, S=1: 01 00 10 01 (00 00 00 unused)
        "10",       // seq 200: +16 ticks (4 ms)
        "fffc",     // seq 202: −4 ticks (−1 ms), large
        "08",       // seq 203: +8 ticks (2 ms)
        "0002");    // padding

    /// <summary>Transport-cc feedback with a one-bit status vector crossing the 16-bit wrap.</summary>
    public static byte[] TransportCcOneBitVector() => Hex.Bytes(
        "af",       // V=2, P=1, FMT=15
        "cd",       // PT=205
        "0007",     // length: 32 bytes
        "00000001", // SSRC of packet sender
        "deadbeef", // SSRC of media source
        "fffe",     // base sequence number 65534
        "000a",     // packet status count 10
        "000000",   // reference time 0
        "00",       // feedback packet count 0
        "b790",     // T=1, S=0: 1101111001 (0000 unused)
        "01 02 03 04 05 06 07", // 7 small deltas
        "000003");  // padding: 3 octets
}
