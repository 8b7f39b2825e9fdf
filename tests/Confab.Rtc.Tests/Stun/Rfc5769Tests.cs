using System.Net;
using System.Text;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Stun;

public class Rfc5769Tests
{
    private static readonly byte[] Password = Encoding.UTF8.GetBytes(Rfc5769Vectors.Password);

    [Fact]
    public void SampleRequest_2_1_ParsesWithAllAttributes()
    {
        byte[] bytes = Rfc5769Vectors.SampleRequest;
        Assert.Equal(108, bytes.Length);
        Assert.True(StunMessage.IsStun(bytes));
        Assert.True(StunMessage.TryRead(bytes, out StunMessageView m));

        Assert.Equal(StunMessageType.BindingRequest, m.Type);
        Assert.Equal(Rfc5769Vectors.TransactionId, m.TransactionIdBytes.ToArray());
        Assert.True(m.TryGetSoftware(out ReadOnlySpan<byte> software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software));
        Assert.True(m.TryGetPriority(out uint priority));
        Assert.Equal(0x6e0001ffu, priority);
        Assert.True(m.TryGetIceControlled(out ulong tieBreaker));
        Assert.Equal(0x932ff9b151263b36ul, tieBreaker);
        Assert.False(m.TryGetIceControlling(out _));
        Assert.True(m.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(username));
        Assert.False(m.HasUseCandidate);
        Assert.False(m.TryGetUnknownRequiredAttribute(out _));
    }

    [Fact]
    public void SampleRequest_2_1_IntegrityAndFingerprintVerify()
    {
        Assert.True(StunMessage.TryRead(Rfc5769Vectors.SampleRequest, out StunMessageView m));
        Assert.True(m.VerifyFingerprint());
        Assert.True(m.VerifyMessageIntegrity(Password));
        Assert.False(m.VerifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBT"u8));
    }

    [Fact]
    public void SampleIPv4Response_2_2_DecodesMappedAddressAndVerifies()
    {
        Assert.True(StunMessage.TryRead(Rfc5769Vectors.SampleIPv4Response, out StunMessageView m));
        Assert.Equal(StunMessageType.BindingSuccess, m.Type);
        Assert.True(m.TryGetSoftware(out ReadOnlySpan<byte> software));
        Assert.Equal("test vector", Encoding.UTF8.GetString(software));
        Assert.True(m.TryGetXorMappedAddress(out TransportAddress mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), mapped.ToIPEndPoint());
        Assert.True(m.VerifyFingerprint());
        Assert.True(m.VerifyMessageIntegrity(Password));
    }

    [Fact]
    public void SampleIPv6Response_2_3_DecodesMappedAddressAndVerifies()
    {
        Assert.True(StunMessage.TryRead(Rfc5769Vectors.SampleIPv6Response, out StunMessageView m));
        Assert.Equal(StunMessageType.BindingSuccess, m.Type);
        Assert.True(m.TryGetXorMappedAddress(out TransportAddress mapped));
        Assert.True(mapped.IsIPv6);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), mapped.ToIPEndPoint());
        Assert.True(m.VerifyFingerprint());
        Assert.True(m.VerifyMessageIntegrity(Password));
    }

    [Fact]
    public void SampleLongTermRequest_2_4_ParsesAndVerifiesWithMd5Key()
    {
        Assert.True(StunMessage.TryRead(Rfc5769Vectors.SampleLongTermRequest, out StunMessageView m));
        Assert.Equal(StunMessageType.BindingRequest, m.Type);
        Assert.True(m.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal(Rfc5769Vectors.LongTermUsername, Encoding.UTF8.GetString(username));
        Assert.True(m.TryGetNonce(out ReadOnlySpan<byte> nonce));
        Assert.Equal(Rfc5769Vectors.LongTermNonce, Encoding.UTF8.GetString(nonce));
        Assert.True(m.TryGetRealm(out ReadOnlySpan<byte> realm));
        Assert.Equal(Rfc5769Vectors.LongTermRealm, Encoding.UTF8.GetString(realm));
        Assert.False(m.HasFingerprint);
        Assert.False(m.VerifyFingerprint());

        Span<byte> key = stackalloc byte[StunIntegrity.LongTermKeySize];
        StunIntegrity.ComputeLongTermKey(Rfc5769Vectors.LongTermUsername, Rfc5769Vectors.LongTermRealm, Rfc5769Vectors.LongTermPassword, key);
        Assert.True(m.VerifyMessageIntegrity(key));
        StunIntegrity.ComputeLongTermKey(Rfc5769Vectors.LongTermUsername, Rfc5769Vectors.LongTermRealm, "TheMatrix", key);
        Assert.False(m.VerifyMessageIntegrity(key));
    }

    [Fact]
    public void Writer_ReproducesSampleRequest_2_1_ByteForByte()
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, Rfc5769Vectors.TransactionId);
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, "STUN test client"u8));
        Assert.True(writer.TryAddUInt32(StunAttributeType.Priority, 0x6e0001ff));
        Assert.True(writer.TryAddUInt64(StunAttributeType.IceControlled, 0x932ff9b151263b36));
        int usernameAt = writer.Length;
        Assert.True(writer.TryAddAttribute(StunAttributeType.Username, "evtj:h6vY"u8));

        // The RFC pads with spaces where we pad with zeros (padding may be any value): match it
        // before the integrity is computed over it.
        buffer.AsSpan(usernameAt + 4 + 9, 3).Fill(0x20);
        Assert.True(writer.TryAddMessageIntegrity(Password));
        Assert.True(writer.TryAddFingerprint());

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.SampleRequest), Convert.ToHexString(writer.Written));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Writer_ReproducesSampleResponses_2_2_And_2_3_ByteForByte(bool ipv6)
    {
        byte[] expected = ipv6 ? Rfc5769Vectors.SampleIPv6Response : Rfc5769Vectors.SampleIPv4Response;
        IPAddress ip = IPAddress.Parse(ipv6 ? "2001:db8:1234:5678:11:2233:4455:6677" : "192.0.2.1");
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingSuccess, Rfc5769Vectors.TransactionId);
        Assert.True(writer.TryAddAttribute(StunAttributeType.Software, "test vector"u8));
        buffer[StunConstants.HeaderSize + 4 + 11] = 0x20; // the RFC's padding byte is a space
        Assert.True(writer.TryAddXorAddress(StunAttributeType.XorMappedAddress, TransportAddress.FromEndPoint(new IPEndPoint(ip, 32853))));
        Assert.True(writer.TryAddMessageIntegrity(Password));
        Assert.True(writer.TryAddFingerprint());

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Crc32_MatchesPublishedCheckValue()
    {
        // The CRC-32 (ISO-HDLC) check value over ASCII "123456789".
        Assert.Equal(0xCBF43926u, StunCrc32.Compute("123456789"u8));
        Assert.Equal(0u, StunCrc32.Compute([]));
    }
}
