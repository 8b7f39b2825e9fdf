using System.Net;
using System.Text;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Stun;

public class StunRoundTripTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a-password-of-22-chars!");

    [Theory]
    [InlineData("203.0.113.45", 51234)]
    [InlineData("0.0.0.0", 0)]
    [InlineData("255.255.255.255", 65535)]
    [InlineData("2001:db8::1", 443)]
    [InlineData("fe80::1234:5678:9abc:def0", 9)]
    public void XorMappedAddress_RoundTrips(string ip, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(ip), port);
        byte[] transactionId = StunTransactionIdBytes();
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingSuccess, transactionId);
        Assert.True(writer.TryAddXorAddress(StunAttributeType.XorMappedAddress, TransportAddress.FromEndPoint(endPoint)));
        Assert.True(writer.TryAddMessageIntegrity(Key));
        Assert.True(writer.TryAddFingerprint());

        Assert.True(StunMessage.TryRead(writer.Written, out StunMessageView m));
        Assert.True(m.TryGetXorMappedAddress(out TransportAddress read));
        Assert.Equal(endPoint, read.ToIPEndPoint());
        Assert.True(m.VerifyMessageIntegrity(Key));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void MappedAddress_PlainIPv4_Reads()
    {
        byte[] message = TestHex.Parse("""
            01 01 00 0c                          // Binding success, length 12
            21 12 a4 42                          // Magic cookie
            00 00 00 00 00 00 00 00 00 00 00 07  // Transaction ID
            00 01 00 08                          // MAPPED-ADDRESS, length 8
            00 01 0d 96                          // family IPv4, port 3478
            c0 00 02 01                          // 192.0.2.1
            """);
        Assert.True(StunMessage.TryRead(message, out StunMessageView m));
        Assert.True(m.TryGetMappedAddress(out TransportAddress address));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 3478), address.ToIPEndPoint());
        Assert.False(m.TryGetXorMappedAddress(out _));
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(401, "Unauthenticated")]
    [InlineData(487, "Role Conflict")]
    [InlineData(699, "")]
    public void ErrorCode_RoundTrips(int code, string reason)
    {
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingError, StunTransactionIdBytes());
        Assert.True(writer.TryAddErrorCode(code, Encoding.UTF8.GetBytes(reason)));
        Assert.True(StunMessage.TryRead(writer.Written, out StunMessageView m));
        Assert.Equal(StunMessageType.BindingError, m.Type);
        Assert.True(m.TryGetErrorCode(out int readCode, out ReadOnlySpan<byte> readReason));
        Assert.Equal(code, readCode);
        Assert.Equal(reason, Encoding.UTF8.GetString(readReason));
    }

    [Fact]
    public void ErrorCode_Wire_MatchesClassAndNumberLayout()
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingError, new byte[12]);
        Assert.True(writer.TryAddErrorCode(487, "Role Conflict"u8));
        byte[] expected = TestHex.Parse("""
            00 09 00 11                          // ERROR-CODE, length 17
            00 00 04 57                          // reserved, class 4, number 87
            52 6f 6c 65 20 43 6f 6e 66 6c 69 63  // "Role Conflic"
            74 00 00 00                          // "t" + 3 bytes of zero padding
            """);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(writer.Written[StunConstants.HeaderSize..]));
    }

    [Theory]
    [InlineData(299)]
    [InlineData(700)]
    public void ErrorCode_OutOfRange_IsRefused(int code)
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingError, new byte[12]);
        Assert.False(writer.TryAddErrorCode(code, "x"u8));
        Assert.Equal(StunConstants.HeaderSize, writer.Length);
    }

    [Fact]
    public void UnknownAttributes_RoundTrip()
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingError, new byte[12]);
        Assert.True(writer.TryAddErrorCode(420, "Unknown Attribute"u8));
        Assert.True(writer.TryAddUnknownAttributes([0x0031, 0x7F00, 0x0002]));
        Assert.True(StunMessage.TryRead(writer.Written, out StunMessageView m));
        Assert.True(m.TryGetUnknownAttributes(out ReadOnlySpan<byte> value));
        Assert.Equal(3, StunErrorCode.UnknownAttributeCount(value));
        Assert.Equal(0x0031, StunErrorCode.UnknownAttributeAt(value, 0));
        Assert.Equal(0x7F00, StunErrorCode.UnknownAttributeAt(value, 1));
        Assert.Equal(0x0002, StunErrorCode.UnknownAttributeAt(value, 2));
    }

    [Fact]
    public void UnknownAttributes_AreSkippedOrRemembered_ByComprehensionRange()
    {
        byte[] message = TestHex.Parse("""
            00 01 00 18                          // Binding request, length 24
            21 12 a4 42                          // Magic cookie
            00 00 00 00 00 00 00 00 00 00 00 09  // Transaction ID
            c0 57 00 03 aa bb cc 00              // 0xC057, comprehension-optional, unknown: skipped
            00 24 00 04 00 00 00 7b              // PRIORITY 123 (still found after it)
            7e 01 00 00                          // 0x7E01, comprehension-required, unknown, empty
            00 25 00 00                          // USE-CANDIDATE
            """);
        Assert.True(StunMessage.TryRead(message, out StunMessageView m));
        Assert.True(m.TryGetPriority(out uint priority));
        Assert.Equal(123u, priority);
        Assert.True(m.HasUseCandidate);
        Assert.True(m.TryGetUnknownRequiredAttribute(out ushort unknown));
        Assert.Equal(0x7E01, unknown);
    }

    [Fact]
    public void AttributesAfterIntegrity_OtherThanFingerprint_AreIgnored()
    {
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunTransactionIdBytes());
        Assert.True(writer.TryAddMessageIntegrity(Key));
        int length = writer.Length;

        // Hand-append PRIORITY after MESSAGE-INTEGRITY, as an attacker could.
        byte[] message = [.. buffer.AsSpan(0, length), 0x00, 0x24, 0x00, 0x04, 0, 0, 0, 1];
        message[3] = (byte)(message.Length - StunConstants.HeaderSize);
        Assert.True(StunMessage.TryRead(message, out StunMessageView m));
        Assert.False(m.TryGetPriority(out _));
        Assert.True(m.VerifyMessageIntegrity(Key));
    }

    [Fact]
    public void Writer_EnforcesIntegrityThenFingerprintOrder()
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunTransactionIdBytes());
        Assert.True(writer.TryAddMessageIntegrity(Key));
        Assert.False(writer.TryAddUInt32(StunAttributeType.Priority, 1));
        Assert.False(writer.TryAddMessageIntegrity(Key));
        Assert.True(writer.TryAddFingerprint());
        int length = writer.Length;
        Assert.False(writer.TryAddFingerprint());
        Assert.False(writer.TryAddFlag(StunAttributeType.UseCandidate));
        Assert.Equal(length, writer.Length);
    }

    [Fact]
    public void Writer_WhenFull_RefusesAndKeepsMessageValid()
    {
        var buffer = new byte[StunConstants.HeaderSize + 8];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunTransactionIdBytes());
        Assert.True(writer.TryAddUInt32(StunAttributeType.Priority, 7));
        Assert.False(writer.TryAddUInt32(StunAttributeType.Priority, 8));
        Assert.False(writer.TryAddMessageIntegrity(Key));
        Assert.Equal(StunConstants.HeaderSize + 8, writer.Length);
        Assert.True(StunMessage.TryRead(writer.Written, out StunMessageView m));
        Assert.True(m.TryGetPriority(out uint priority));
        Assert.Equal(7u, priority);
    }

    [Theory]
    [InlineData(2_000)]                          // past the stack scratch: hashed from a pooled buffer
    [InlineData(StunConstants.MaxMessageSize - StunConstants.HeaderSize - 4 - 24 - 8)] // the largest message there is
    public void LargeMessages_SignAndVerify(int softwareLength)
    {
        var buffer = new byte[StunConstants.MaxMessageSize + 100];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunTransactionIdBytes());
        var software = new byte[softwareLength];
        new Random(12345).NextBytes(software);
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, software));
        Assert.True(writer.TryAddMessageIntegrity(Key));
        Assert.True(writer.TryAddFingerprint());
        Assert.True(writer.Length <= StunConstants.MaxMessageSize);

        Assert.True(StunMessage.TryRead(writer.Written, out StunMessageView m));
        Assert.True(m.VerifyMessageIntegrity(Key));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void Writer_RefusesToGrowPastTheLengthFieldsRange()
    {
        var buffer = new byte[2 * StunConstants.MaxMessageSize];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunTransactionIdBytes());
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, new byte[StunConstants.MaxMessageSize - StunConstants.HeaderSize - 4]));
        Assert.False(writer.TryAddFlag(StunAttributeType.UseCandidate));
        Assert.Equal(StunConstants.MaxMessageSize, writer.Length);
    }

    [Fact]
    public void Writer_PadsWithZerosAndKeepsLengthFieldCurrent()
    {
        var buffer = new byte[64];
        Array.Fill(buffer, (byte)0xEE);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, new byte[12]);
        Assert.True(writer.TryAddAttribute(StunAttributeType.Username, "abcde"u8));
        byte[] expected = TestHex.Parse("""
            00 01 00 0c                          // Binding request, length 12
            21 12 a4 42                          // Magic cookie
            00 00 00 00 00 00 00 00 00 00 00 00  // Transaction ID
            00 06 00 05                          // USERNAME, length 5
            61 62 63 64 65 00 00 00              // "abcde" + 3 zero bytes of padding
            """);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(writer.Written));
    }

    private static byte[] StunTransactionIdBytes()
    {
        var bytes = new byte[StunConstants.TransactionIdSize];
        StunTransactionId.NewRandom().WriteTo(bytes);
        return bytes;
    }
}
