using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using static Confab.Rtc.Tests.Ice.IceTestData;

namespace Confab.Rtc.Tests.Ice;

public class IceControllingCheckerTests
{
    private readonly byte[] _request = new byte[512];
    private readonly byte[] _response = new byte[512];

    // The client's checker: local = the browser-like client, remote = the server.
    private readonly IceControllingChecker _checker = new(Browser, Server, 0x0102030405060708);

    [Fact]
    public void Request_CarriesUsernamePriorityControllingAndNomination_KeyedWithRemotePassword()
    {
        int length = _checker.WriteBindingRequest(_request, 0x7E7F00FF, useCandidate: true, out StunTransactionId id);

        Assert.Equal(_checker.RequestSize(useCandidate: true), length);
        Assert.True(StunMessage.TryRead(_request.AsSpan(0, length), out StunMessageView m));
        Assert.Equal(StunMessageType.BindingRequest, m.Type);
        Assert.Equal(id, m.TransactionId);
        Assert.True(m.TryGetUsername(out ReadOnlySpan<byte> username));
        Assert.Equal("srvU:brwU", System.Text.Encoding.ASCII.GetString(username));
        Assert.True(m.TryGetPriority(out uint priority));
        Assert.Equal(0x7E7F00FFu, priority);
        Assert.True(m.TryGetIceControlling(out ulong tieBreaker));
        Assert.Equal(0x0102030405060708ul, tieBreaker);
        Assert.True(m.HasUseCandidate);
        Assert.True(m.VerifyMessageIntegrity(Server.PasswordBytes));
        Assert.False(m.VerifyMessageIntegrity(Browser.PasswordBytes));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void RequestWithoutNomination_HasNoUseCandidate_AndFreshTransactionIds()
    {
        int length = _checker.WriteBindingRequest(_request, 1, useCandidate: false, out StunTransactionId first);
        Assert.True(StunMessage.TryRead(_request.AsSpan(0, length), out StunMessageView m));
        Assert.False(m.HasUseCandidate);
        _checker.WriteBindingRequest(_request, 1, useCandidate: false, out StunTransactionId second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void AgainstTheLiteResponder_SuccessGivesTheMappedAddress()
    {
        var session = new IceSession(Server, new ManualTimeProvider());
        int length = _checker.WriteBindingRequest(_request, 100, useCandidate: true, out StunTransactionId id);

        IceBindingResult served = session.HandleBindingRequest(_request.AsSpan(0, length), BrowserLte, _response);
        Assert.True(served.UseCandidate);
        Assert.True(session.IsNominated);

        IceCheckStatus status = _checker.ReadResponse(_response.AsSpan(0, served.ResponseLength), id, out TransportAddress mapped, out _, out bool authenticated);
        Assert.Equal(IceCheckStatus.Success, status);
        Assert.True(authenticated);
        Assert.Equal(BrowserLte, mapped.ToIPEndPoint());
    }

    [Fact]
    public void ResponseToAnotherTransaction_IsRejected()
    {
        int length = _checker.WriteBindingRequest(_request, 100, false, out _);
        IceBindingResult served = IceLiteResponder.Respond(_request.AsSpan(0, length), TransportAddress.FromEndPoint(BrowserWifi), Server, _response);
        StunTransactionId other = StunTransactionId.NewRandom();
        Assert.Equal(IceCheckStatus.TransactionMismatch, _checker.ReadResponse(_response.AsSpan(0, served.ResponseLength), other, out _, out _, out _));
    }

    [Fact]
    public void ResponseSignedWithAnotherPassword_IsRejected()
    {
        int length = _checker.WriteBindingRequest(_request, 100, false, out StunTransactionId id);
        var impostor = new IceCredentials("srvU", "impostorpasswordimpost1");

        // The impostor cannot verify our request, so it answers a success of its own making.
        var writer = new StunMessageWriter(_response, StunMessageType.BindingSuccess, _request.AsSpan(8, 12));
        writer.TryAddXorAddress(StunAttributeType.XorMappedAddress, TransportAddress.FromEndPoint(BrowserWifi));
        writer.TryAddMessageIntegrity(impostor.PasswordBytes);
        writer.TryAddFingerprint();

        Assert.True(length > 0);
        Assert.Equal(IceCheckStatus.BadIntegrity, _checker.ReadResponse(writer.Written, id, out _, out _, out bool authenticated));
        Assert.False(authenticated);
    }

    [Fact]
    public void RoleConflictFromTheServer_IsReported()
    {
        // A server that (wrongly) thinks it controls answers 487 with integrity.
        int length = _checker.WriteBindingRequest(_request, 100, false, out StunTransactionId id);
        var writer = new StunMessageWriter(_response, StunMessageType.BindingError, _request.AsSpan(8, 12));
        writer.TryAddErrorCode(StunErrorCode.RoleConflict, "Role Conflict"u8);
        writer.TryAddMessageIntegrity(Server.PasswordBytes);
        writer.TryAddFingerprint();

        Assert.True(length > 0);
        Assert.Equal(IceCheckStatus.RoleConflict, _checker.ReadResponse(writer.Written, id, out _, out int code, out _));
        Assert.Equal(487, code);
    }

    [Fact]
    public void UnauthenticatedErrorFromTheServer_IsReportedWithItsCode()
    {
        // The server was given other credentials: it answers 401 without integrity.
        var checker = new IceControllingChecker(Browser, new IceCredentials("srvU", "notwhattheserverhas1234"), 1);
        int length = checker.WriteBindingRequest(_request, 100, false, out StunTransactionId id);
        IceBindingResult served = IceLiteResponder.Respond(_request.AsSpan(0, length), TransportAddress.FromEndPoint(BrowserWifi), Server, _response);

        IceCheckStatus status = checker.ReadResponse(_response.AsSpan(0, served.ResponseLength), id, out _, out int code, out bool authenticated);
        Assert.Equal(IceCheckStatus.ErrorResponse, status);
        Assert.Equal(401, code);
        Assert.False(authenticated);
    }

    [Fact]
    public void GarbageAndRequests_AreNotResponses()
    {
        StunTransactionId id = StunTransactionId.NewRandom();
        Assert.Equal(IceCheckStatus.Malformed, _checker.ReadResponse([1, 2, 3], id, out _, out _, out _));
        int length = _checker.WriteBindingRequest(_request, 1, false, out id);
        Assert.Equal(IceCheckStatus.NotAResponse, _checker.ReadResponse(_request.AsSpan(0, length), id, out _, out _, out _));
    }

    [Fact]
    public void TooSmallBuffer_WritesNothing()
    {
        Assert.Equal(0, _checker.WriteBindingRequest(new byte[40], 1, true, out _));
    }
}
