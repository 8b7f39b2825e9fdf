using Confab.Rtc.Rtp;

namespace Confab.Rtc.Tests.Rtp;

public class RtpHeaderWriterTests
{
    [Fact]
    public void Writes_the_chromium_vp8_header_byte_for_byte()
    {
        var expected = RtpSamples.Vp8WithOneByteExtensions();
        Span<byte> buffer = stackalloc byte[64];

        int extensionOffset = RtpHeaderWriter.ExtensionOffset(0);
        var extensions = new RtpHeaderExtensionWriter(buffer[extensionOffset..], RtpHeaderExtensionForm.OneByte);
        Assert.True(AbsSendTimeExtension.TryAdd(ref extensions, RtpSamples.AbsSendTimeId, 0x123456));
        Assert.True(TransportSequenceNumberExtension.TryAdd(ref extensions, RtpSamples.TransportSequenceId, 42));
        Assert.True(SdesItemExtension.TryAdd(ref extensions, RtpSamples.MidId, "0"));
        Assert.True(extensions.TryFinish(out int blockLength));
        Assert.Equal(16, blockLength);

        var fields = new RtpHeaderFields(PayloadType: 96, SequenceNumber: 0x1234, Timestamp: 900000, Ssrc: 0xdeadbeef, Marker: true);
        var block = buffer.Slice(extensionOffset, blockLength).ToArray();
        Assert.True(RtpHeaderWriter.TryWrite(buffer, fields, [], block, out int headerLength));
        Assert.Equal(28, headerLength);

        Assert.Equal(Hex.Of(expected.AsSpan(0, 28)), Hex.Of(buffer[..28]));
    }

    [Fact]
    public void Round_trips_csrcs_and_two_byte_extensions()
    {
        var buffer = new byte[128];
        var block = new byte[64];
        var extensions = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.TwoByte, appBits: 5);
        Assert.True(extensions.TryAdd(20, "hello world, this is longer than sixteen"u8));
        Assert.True(extensions.TryAdd(200, []));
        Assert.True(extensions.TryFinish(out int blockLength));

        var fields = new RtpHeaderFields(PayloadType: 127, SequenceNumber: 7, Timestamp: uint.MaxValue, Ssrc: 9);
        uint[] csrcs = [1, 2, 3];
        Assert.True(RtpHeaderWriter.TryWrite(buffer, fields, csrcs, block.AsSpan(0, blockLength), out int length));
        Assert.Equal(RtpHeaderWriter.MarshalSize(3, blockLength), length);
        "payload"u8.CopyTo(buffer.AsSpan(length));

        var packet = buffer.AsSpan(0, length + 7);
        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.Equal(fields, new RtpHeaderFields(header.PayloadType, header.SequenceNumber, header.Timestamp, header.Ssrc, header.Marker));
        Assert.Equal(new uint[] { 1, 2, 3 }, new[] { header.GetCsrc(packet, 0), header.GetCsrc(packet, 1), header.GetCsrc(packet, 2) });
        Assert.Equal(0x1005, header.ExtensionProfile);
        Assert.True(RtpHeaderExtensions.TryFind(packet, header, 20, out ReadOnlySpan<byte> value));
        Assert.Equal("hello world, this is longer than sixteen", System.Text.Encoding.ASCII.GetString(value));
        Assert.True(RtpHeaderExtensions.TryFind(packet, header, 200, out ReadOnlySpan<byte> empty));
        Assert.True(empty.IsEmpty);
        Assert.Equal("payload", System.Text.Encoding.ASCII.GetString(packet.Slice(header.PayloadOffset, header.PayloadLength)));
    }

    [Fact]
    public void Refuses_bad_input()
    {
        var buffer = new byte[128];
        var fields = new RtpHeaderFields(96, 1, 1, 1);
        Assert.False(RtpHeaderWriter.TryWrite(buffer, fields with { PayloadType = 128 }, [], out _));
        Assert.False(RtpHeaderWriter.TryWrite(buffer, fields, new uint[16], out _));
        Assert.False(RtpHeaderWriter.TryWrite(buffer.AsSpan(0, 11), fields, [], out _));
        Assert.False(RtpHeaderWriter.TryWrite(buffer.AsSpan(0, 15), fields, [5], out _));
        Assert.False(RtpHeaderWriter.TryWrite(buffer, fields, [], Hex.Bytes("bede 0002 10ff0000"), out _)); // length word says 2 words, 1 given
        Assert.False(RtpHeaderWriter.TryWrite(buffer, fields, [], Hex.Bytes("bede00"), out _));
        Assert.True(RtpHeaderWriter.TryWrite(buffer, fields, [], Hex.Bytes("bede 0001 10ff0000"), out int length));
        Assert.Equal(20, length);
    }
}
