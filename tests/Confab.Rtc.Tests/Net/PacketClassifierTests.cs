using Confab.Rtc.Net;

namespace Confab.Rtc.Tests.Net;

public class PacketClassifierTests
{
    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00 }, PacketKind.Stun)]       // binding request
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x0C }, PacketKind.Stun)]       // binding success
    [InlineData(new byte[] { 0x16, 0xFE, 0xFD, 0x00 }, PacketKind.Dtls)]       // handshake record, DTLS 1.2
    [InlineData(new byte[] { 0x17, 0xFE, 0xFD, 0x00 }, PacketKind.Dtls)]       // application data
    [InlineData(new byte[] { 0x3F, 0x00, 0x00, 0x00 }, PacketKind.Dtls)]       // 63: last DTLS value
    [InlineData(new byte[] { 0x80, 0x60, 0x00, 0x01 }, PacketKind.Rtp)]        // V=2, PT=96
    [InlineData(new byte[] { 0x90, 0xE0, 0x00, 0x01 }, PacketKind.Rtp)]        // marker + PT=96 (224)
    [InlineData(new byte[] { 0x80, 0xC8, 0x00, 0x06 }, PacketKind.Rtcp)]       // SR (200)
    [InlineData(new byte[] { 0x81, 0xCD, 0x00, 0x03 }, PacketKind.Rtcp)]       // RTPFB (205)
    [InlineData(new byte[] { 0x81, 0xCE, 0x00, 0x02 }, PacketKind.Rtcp)]       // PSFB (206)
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00 }, PacketKind.Unknown)]    // ZRTP range
    [InlineData(new byte[] { 0x40, 0x00, 0x00, 0x00 }, PacketKind.Unknown)]    // TURN channel range
    [InlineData(new byte[] { 0xC0, 0x60, 0x00, 0x00 }, PacketKind.Unknown)]    // version 3
    [InlineData(new byte[] { 0x80, 0x60 }, PacketKind.Unknown)]                // too short for RTP/RTCP
    [InlineData(new byte[] { }, PacketKind.Unknown)]
    public void ClassifiesByFirstBytes(byte[] datagram, PacketKind expected) =>
        Assert.Equal(expected, PacketClassifier.Classify(datagram));
}
