using Confab.Rtc.Codecs;

namespace Confab.Rtc.Tests.Codecs;

public class Vp8PayloadDescriptorTests
{
    [Fact]
    public void KeyFrameWithLongPictureIdTl0AndTid()
    {
        byte[] payload =
        [
            0x90,       // X=1, N=0, S=1, PID=0
            0xE0,       // I=1, L=1, T=1, K=0
            0x81, 0x23, // M=1, PictureID=0x0123
            0x07,       // TL0PICIDX=7
            0x40,       // TID=1, Y=0, KEYIDX=0
            0x10,       // VP8 payload header: P=0 (key frame)
            0x02, 0x00,
        ];
        Assert.True(Vp8PayloadDescriptor.TryRead(payload, out var d));
        Assert.Equal(6, d.Length);
        Assert.Equal(0x123, d.PictureId);
        Assert.True(d.HasLongPictureId);
        Assert.Equal(7, d.Tl0PicIdx);
        Assert.Equal(1, d.TemporalLayer);
        Assert.True(d.IsKeyFrameStart);
    }

    [Fact]
    public void InterFrameIsNotKey()
    {
        byte[] payload = [0x10, 0x01, 0x00]; // X=0, S=1, PID=0; P=1 (inter frame)
        Assert.True(Vp8PayloadDescriptor.TryRead(payload, out var d));
        Assert.Equal(1, d.Length);
        Assert.Equal(-1, d.PictureId);
        Assert.False(d.IsKeyFrameStart);
    }

    [Fact]
    public void ContinuationPacketIsNotKey()
    {
        byte[] payload = [0x00, 0x00, 0x00]; // S=0: not the start of a partition
        Assert.True(Vp8PayloadDescriptor.TryRead(payload, out var d));
        Assert.False(d.IsKeyFrameStart);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80 })]             // X=1 but no extension byte
    [InlineData(new byte[] { 0x80, 0x80 })]       // I=1 but no picture ID
    [InlineData(new byte[] { 0x80, 0x80, 0x80 })] // long picture ID cut short
    [InlineData(new byte[] { 0x80, 0x40 })]       // L=1 but no TL0PICIDX
    [InlineData(new byte[] { 0x80, 0x20 })]       // T=1 but no TID byte
    public void TruncatedDescriptorsAreRefused(byte[] payload) =>
        Assert.False(Vp8PayloadDescriptor.TryRead(payload, out _));

    [Fact]
    public void RandomInputNeverThrows()
    {
        var random = new Random(12345);
        var buffer = new byte[16];
        for (int i = 0; i < 10_000; i++)
        {
            random.NextBytes(buffer);
            _ = Vp8PayloadDescriptor.TryRead(buffer.AsSpan(0, random.Next(buffer.Length + 1)), out _);
        }
    }
}
