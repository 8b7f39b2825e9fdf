using System.Net;
using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using Confab.Rtc.Tests.Stun;
using static Confab.Rtc.Tests.Ice.IceTestData;

namespace Confab.Rtc.Tests.Ice;

public class IceLiteResponderTests
{
    private readonly byte[] _response = new byte[1500];

    [Theory]
    [InlineData("198.51.100.7", 50000)]
    [InlineData("2001:db8::77", 61000)]
    public void ValidRequest_GetsSuccessWithXorMappedSource(string ip, int port)
    {
        var source = new IPEndPoint(IPAddress.Parse(ip), port);
        byte[] request = ValidCheck.Build();

        IceBindingResult result = IceLiteResponder.Respond(request, TransportAddress.FromEndPoint(source), Server, _response);

        Assert.Equal(IceBindingOutcome.Success, result.Outcome);
        Assert.True(result.Authenticated);
        Assert.Equal(0x6E0001FFu, result.Priority);
        Assert.False(result.UseCandidate);
        Assert.True(StunMessage.TryRead(_response.AsSpan(0, result.ResponseLength), out StunMessageView response));
        Assert.Equal(StunMessageType.BindingSuccess, response.Type);
        Assert.Equal(request.AsSpan(8, 12).ToArray(), response.TransactionIdBytes.ToArray());
        Assert.True(response.TryGetXorMappedAddress(out TransportAddress mapped));
        Assert.Equal(source, mapped.ToIPEndPoint());
        Assert.True(response.VerifyMessageIntegrity(Server.PasswordBytes));
        Assert.True(response.VerifyFingerprint());
        Assert.True(result.ResponseLength <= IceLiteResponder.MaxSuccessResponseSize);
    }

    [Fact]
    public void UseCandidate_IsReported()
    {
        IceBindingResult result = Respond(ValidCheck with { UseCandidate = true });
        Assert.Equal(IceBindingOutcome.Success, result.Outcome);
        Assert.True(result.UseCandidate);
    }

    [Fact]
    public void WrongPassword_Gets401_NoLargerThanTheRequest_WithoutIntegrity()
    {
        byte[] request = (ValidCheck with { Password = "notTheServerPassword123" }).Build();
        IceBindingResult result = IceLiteResponder.Respond(request, TransportAddress.FromEndPoint(BrowserWifi), Server, _response);

        Assert.Equal(IceBindingOutcome.ErrorResponse, result.Outcome);
        Assert.Equal(StunErrorCode.Unauthenticated, result.ErrorCode);
        Assert.False(result.Authenticated);
        Assert.True(result.ResponseLength <= request.Length);
        Assert.True(StunMessage.TryRead(_response.AsSpan(0, result.ResponseLength), out StunMessageView response));
        Assert.Equal(StunMessageType.BindingError, response.Type);
        Assert.True(response.TryGetErrorCode(out int code, out _));
        Assert.Equal(401, code);
        Assert.False(response.HasMessageIntegrity);
        Assert.True(response.VerifyFingerprint());
    }

    [Fact]
    public void UnknownLocalUfrag_Gets401()
    {
        IceBindingResult result = Respond(new CheckBuilder("zzzz:brwU", Server.Password));
        Assert.Equal(StunErrorCode.Unauthenticated, result.ErrorCode);
        Assert.False(result.Authenticated);
    }

    [Fact]
    public void MissingIntegrity_InASmallRequest_IsDroppedRatherThanAmplified()
    {
        byte[] request = (ValidCheck with { Integrity = false, Priority = null, IceControlling = null }).Build();
        IceBindingResult result = IceLiteResponder.Respond(request, TransportAddress.FromEndPoint(BrowserWifi), Server, _response);
        Assert.Equal(IceBindingOutcome.Dropped, result.Outcome);
        Assert.Equal(IceDropReason.WouldAmplify, result.DropReason);
    }

    [Fact]
    public void MissingIntegrity_InALargeEnoughRequest_Gets400()
    {
        IceBindingResult result = Respond(ValidCheck with { Integrity = false });
        Assert.Equal(IceBindingOutcome.ErrorResponse, result.Outcome);
        Assert.Equal(StunErrorCode.BadRequest, result.ErrorCode);
    }

    [Fact]
    public void MissingUsername_Gets400()
    {
        IceBindingResult result = Respond(ValidCheck with { IncludeUsername = false, SoftwarePadding = 16 });
        Assert.Equal(StunErrorCode.BadRequest, result.ErrorCode);
        Assert.False(result.Authenticated);
    }

    [Fact]
    public void MissingFingerprint_IsDropped()
    {
        IceBindingResult result = Respond(ValidCheck with { Fingerprint = false });
        Assert.Equal(IceDropReason.BadFingerprint, result.DropReason);
        Assert.Equal(0, result.ResponseLength);
    }

    [Fact]
    public void BadFingerprint_IsDropped()
    {
        byte[] request = ValidCheck.Build();
        request[^1] ^= 0x01;
        IceBindingResult result = IceLiteResponder.Respond(request, TransportAddress.FromEndPoint(BrowserWifi), Server, _response);
        Assert.Equal(IceDropReason.BadFingerprint, result.DropReason);
    }

    [Fact]
    public void IceControlled_Gets487RoleConflict_Authenticated()
    {
        IceBindingResult result = Respond(ValidCheck with { IceControlling = null, IceControlled = 42 });
        Assert.Equal(IceBindingOutcome.ErrorResponse, result.Outcome);
        Assert.Equal(StunErrorCode.RoleConflict, result.ErrorCode);
        Assert.True(result.Authenticated);
        Assert.True(StunMessage.TryRead(_response.AsSpan(0, result.ResponseLength), out StunMessageView response));
        Assert.True(response.VerifyMessageIntegrity(Server.PasswordBytes));
        Assert.True(response.VerifyFingerprint());
    }

    [Fact]
    public void Rfc5769SampleRequest_FromAControlledPeer_Gets487()
    {
        // RFC 5769 §2.1 is a check from a controlled agent: a lite agent cannot take the controlling role.
        var local = new IceCredentials("evtj", Rfc5769Vectors.Password);
        IceBindingResult result = IceLiteResponder.Respond(
            Rfc5769Vectors.SampleRequest, TransportAddress.FromEndPoint(BrowserWifi), local, _response);
        Assert.Equal(StunErrorCode.RoleConflict, result.ErrorCode);
        Assert.True(result.Authenticated);
    }

    [Fact]
    public void MissingPriority_Gets400_Authenticated()
    {
        IceBindingResult result = Respond(ValidCheck with { Priority = null });
        Assert.Equal(StunErrorCode.BadRequest, result.ErrorCode);
        Assert.True(result.Authenticated);
    }

    [Fact]
    public void UnknownComprehensionRequiredAttribute_Gets420WithUnknownAttributes()
    {
        IceBindingResult result = Respond(ValidCheck with { ExtraAttribute = 0x7EEE });
        Assert.Equal(StunErrorCode.UnknownAttribute, result.ErrorCode);
        Assert.True(StunMessage.TryRead(_response.AsSpan(0, result.ResponseLength), out StunMessageView response));
        Assert.True(response.TryGetUnknownAttributes(out ReadOnlySpan<byte> unknown));
        Assert.Equal(0x7EEE, StunErrorCode.UnknownAttributeAt(unknown, 0));
    }

    [Fact]
    public void UnknownComprehensionOptionalAttribute_IsIgnored()
    {
        Assert.Equal(IceBindingOutcome.Success, Respond(ValidCheck with { ExtraAttribute = 0xC0DE }).Outcome);
    }

    [Theory]
    [InlineData(StunClass.Indication, IceDropReason.Indication)]
    [InlineData(StunClass.SuccessResponse, IceDropReason.NotBindingRequest)]
    [InlineData(StunClass.ErrorResponse, IceDropReason.NotBindingRequest)]
    public void NonRequests_AreDropped(StunClass cls, IceDropReason reason)
    {
        IceBindingResult result = Respond(ValidCheck with { Type = new StunMessageType(StunMethod.Binding, cls) });
        Assert.Equal(IceBindingOutcome.Dropped, result.Outcome);
        Assert.Equal(reason, result.DropReason);
    }

    [Fact]
    public void Garbage_IsDroppedAsMalformed()
    {
        IceBindingResult result = IceLiteResponder.Respond([0x16, 0xFE, 0xFD, 0, 0, 0], TransportAddress.FromEndPoint(BrowserWifi), Server, _response);
        Assert.Equal(IceDropReason.Malformed, result.DropReason);
    }

    [Fact]
    public void TooSmallResponseBuffer_IsDroppedNotThrown()
    {
        byte[] request = ValidCheck.Build();
        IceBindingResult result = IceLiteResponder.Respond(request, TransportAddress.FromEndPoint(BrowserWifi), Server, new byte[40]);
        Assert.Equal(IceDropReason.ResponseBufferTooSmall, result.DropReason);
        result = IceLiteResponder.Respond(request, TransportAddress.FromEndPoint(BrowserWifi), Server, new byte[4]);
        Assert.Equal(IceDropReason.ResponseBufferTooSmall, result.DropReason);
    }

    private IceBindingResult Respond(CheckBuilder check)
        => IceLiteResponder.Respond(check.Build(), TransportAddress.FromEndPoint(BrowserWifi), Server, _response);
}
