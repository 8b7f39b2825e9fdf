using System.Buffers.Binary;
using System.Text;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Stun;

public class StunMalformedInputTests
{
    private static readonly byte[] Password = Encoding.UTF8.GetBytes(Rfc5769Vectors.Password);

    public static TheoryData<string, byte[]> Rejected()
    {
        byte[] request = Rfc5769Vectors.SampleRequest;
        return new TheoryData<string, byte[]>
        {
            { "empty datagram", [] },
            { "truncated header (19 bytes)", request[..19] },
            { "header only, length says 88", request[..20] },
            { "truncated in the middle of the attributes", request[..60] },
            { "top two bits set (RTP/DTLS-like first byte)", With(request, 0, 0x80) },
            { "bad magic cookie", With(request, 4, 0x22) },
            { "length not a multiple of 4", WithLength(request, 0x0057, 107) },
            { "length larger than the datagram", WithLength(request, 0x005C, 108) },
            { "length smaller than the datagram (trailing bytes)", [.. request, 0, 0, 0, 0] },
            { "attribute length past the end", With(request, 23, 0x40) },     // SOFTWARE length 0x0040
            { "last attribute length past the end", With(request, 107 - 5, 0x08) }, // FINGERPRINT length 8
            { "MESSAGE-INTEGRITY of 16 bytes", ShortIntegrity() },
            { "attribute after FINGERPRINT", AttributeAfterFingerprint() },
            { "attribute header present, its value missing", HalfAttributeHeader() },
            { "64 KB of 0xFF garbage", Filled(65536, 0xFF) },
            { "64 KB of zeros", Filled(65536, 0x00) },
        };
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void TryRead_RejectsMalformedInput(string because, byte[] input)
    {
        Assert.False(StunMessage.TryRead(input, out _), because);
    }

    [Fact]
    public void ViewLeftByAFailedRead_HasNothingAndThrowsNothing()
    {
        Assert.False(StunMessage.TryRead([0xFF, 0xFF], out StunMessageView m));
        Assert.False(m.IsValid);
        Assert.False(m.HasMessageIntegrity);
        Assert.False(m.HasFingerprint);
        Assert.False(m.VerifyMessageIntegrity(Password));
        Assert.False(m.VerifyFingerprint());
        Assert.False(m.TryGetUsername(out _));
        Assert.False(m.TryGetPriority(out _));
        Assert.False(m.TryGetXorMappedAddress(out _));
        Assert.False(m.TryGetAttribute(StunAttributeType.Software, out _));
        Assert.Equal(StunConstants.TransactionIdSize, m.TransactionIdBytes.Length);
    }

    [Fact]
    public void BadFingerprint_ParsesButDoesNotVerify()
    {
        byte[] bytes = With(Rfc5769Vectors.SampleRequest, 107, 0xCE); // last CRC byte 0xcf -> 0xce
        Assert.True(StunMessage.TryRead(bytes, out StunMessageView m));
        Assert.False(m.VerifyFingerprint());
        Assert.True(m.VerifyMessageIntegrity(Password)); // the CRC is outside the HMAC
    }

    [Fact]
    public void ChangedSoftwareByte_BreaksIntegrityAndFingerprint()
    {
        byte[] bytes = With(Rfc5769Vectors.SampleRequest, 30, 0x00);
        Assert.True(StunMessage.TryRead(bytes, out StunMessageView m));
        Assert.False(m.VerifyMessageIntegrity(Password));
        Assert.False(m.VerifyFingerprint());
    }

    [Fact]
    public void MissingIntegrity_DoesNotVerify()
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, Rfc5769Vectors.TransactionId);
        Assert.True(writer.TryAddFingerprint());
        Assert.True(StunMessage.TryRead(writer.Written, out StunMessageView m));
        Assert.False(m.VerifyMessageIntegrity(Password));
        Assert.True(m.VerifyFingerprint());
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, true)]  // Binding request
    [InlineData(new byte[] { 0x03, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, true)]  // first byte 3: still STUN
    [InlineData(new byte[] { 0x04, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, false)] // first byte 4: not STUN (RFC 7983)
    [InlineData(new byte[] { 0x16, 0xFE, 0xFD, 0x00, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, false)] // DTLS record
    [InlineData(new byte[] { 0x80, 0x60, 0x00, 0x01, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, false)] // RTP
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x43, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, false)] // wrong cookie
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3 }, false)]                              // short
    public void IsStun_ChecksFirstByteAndCookie(byte[] datagram, bool expected)
    {
        Assert.Equal(expected, StunMessage.IsStun(datagram));
    }

    private static byte[] With(byte[] source, int index, byte value)
    {
        byte[] copy = [.. source];
        copy[index] = value;
        return copy;
    }

    private static byte[] WithLength(byte[] source, ushort length, int size)
    {
        byte[] copy = new byte[size];
        source.AsSpan(0, Math.Min(size, source.Length)).CopyTo(copy);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), length);
        return copy;
    }

    private static byte[] Filled(int size, byte value)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static byte[] ShortIntegrity() => TestHex.Parse("""
        00 01 00 14                                      // Binding request, length 20
        21 12 a4 42                                      // Magic cookie
        00 00 00 00 00 00 00 00 00 00 00 01              // Transaction ID
        00 08 00 10                                      // MESSAGE-INTEGRITY, length 16 (must be 20)
        00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  // 16 bytes
        """);

    private static byte[] AttributeAfterFingerprint() => TestHex.Parse("""
        00 01 00 10                                      // Binding request, length 16
        21 12 a4 42                                      // Magic cookie
        00 00 00 00 00 00 00 00 00 00 00 01              // Transaction ID
        80 28 00 04 00 00 00 00                          // FINGERPRINT
        80 22 00 04 41 42 43 44                          // SOFTWARE "ABCD" after it
        """);

    private static byte[] HalfAttributeHeader() => TestHex.Parse("""
        00 01 00 04                                      // Binding request, length 4
        21 12 a4 42                                      // Magic cookie
        00 00 00 00 00 00 00 00 00 00 00 01              // Transaction ID
        80 22 00 04                                      // SOFTWARE, length 4, but its value is missing
        """);
}
