using Confab.Rtc.Codecs;

namespace Confab.Rtc.Tests.Codecs;

public class H264KeyFrameDetectorTests
{
    [Theory]
    [InlineData(new byte[] { 0x65, 0x88 }, true)]        // single NAL, type 5 (IDR)
    [InlineData(new byte[] { 0x67, 0x42 }, true)]        // single NAL, type 7 (SPS)
    [InlineData(new byte[] { 0x41, 0x9A }, false)]       // single NAL, type 1 (non-IDR slice)
    [InlineData(new byte[] { 0x7C, 0x85, 0x00 }, true)]  // FU-A, S=1, type 5
    [InlineData(new byte[] { 0x7C, 0x05, 0x00 }, false)] // FU-A, S=0, type 5 (middle fragment)
    [InlineData(new byte[] { 0x7C, 0x81, 0x00 }, false)] // FU-A, S=1, type 1
    [InlineData(new byte[] { 0x7C }, false)]             // FU-A without its header
    [InlineData(new byte[] { }, false)]
    public void DetectsKeyFrameStarts(byte[] payload, bool expected) =>
        Assert.Equal(expected, H264KeyFrameDetector.IsKeyFrameStart(payload));

    [Fact]
    public void StapAWithSpsPpsIsKey()
    {
        byte[] payload =
        [
            0x78,                   // STAP-A
            0x00, 0x02, 0x67, 0x42, // size 2, SPS
            0x00, 0x02, 0x68, 0xCE, // size 2, PPS
        ];
        Assert.True(H264KeyFrameDetector.IsKeyFrameStart(payload));
    }

    [Fact]
    public void StapAWithSizePastTheEndIsNotKey()
    {
        byte[] payload = [0x78, 0x00, 0x09, 0x67, 0x42];
        Assert.False(H264KeyFrameDetector.IsKeyFrameStart(payload));
    }

    [Fact]
    public void StapAOfNonKeyUnitsIsNotKey()
    {
        byte[] payload = [0x78, 0x00, 0x01, 0x06, 0x00, 0x01, 0x41];
        Assert.False(H264KeyFrameDetector.IsKeyFrameStart(payload));
    }
}
