using Confab.Rtc.Codecs;

namespace Confab.Rtc.Tests.Codecs;

public class Vp9PayloadDescriptorTests
{
    [Fact]
    public void NonFlexibleKeyFrameOnBaseLayer()
    {
        byte[] payload =
        [
            0xA8,       // I=1, P=0, L=1, F=0, B=1
            0x80, 0x05, // M=1, PictureID=5
            0x00,       // TID=0, U=0, SID=0, D=0
            0x03,       // TL0PICIDX
            0x00,
        ];
        Assert.True(Vp9PayloadDescriptor.TryRead(payload, out var d));
        Assert.Equal(5, d.PictureId);
        Assert.True(d.IsKeyFrameStart);
    }

    [Fact]
    public void InterPictureIsNotKey()
    {
        byte[] payload = [0xC8, 0x05, 0x00]; // I=1, P=1, B=1
        Assert.True(Vp9PayloadDescriptor.TryRead(payload, out var d));
        Assert.False(d.IsKeyFrameStart);
    }

    [Fact]
    public void UpperSpatialLayerIsNotKeyStart()
    {
        byte[] payload = [0x38, 0x02]; // L=1, F=1, B=1; SID=1
        Assert.True(Vp9PayloadDescriptor.TryRead(payload, out var d));
        Assert.Equal(1, d.SpatialLayer);
        Assert.False(d.IsKeyFrameStart);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0x80, 0x80 })]
    [InlineData(new byte[] { 0x20 })]
    [InlineData(new byte[] { 0x20, 0x00 })] // non-flexible: TL0PICIDX missing
    public void TruncatedDescriptorsAreRefused(byte[] payload) =>
        Assert.False(Vp9PayloadDescriptor.TryRead(payload, out _));
}
