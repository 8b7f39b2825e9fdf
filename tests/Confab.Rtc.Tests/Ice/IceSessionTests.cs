using System.Net;
using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using static Confab.Rtc.Tests.Ice.IceTestData;

namespace Confab.Rtc.Tests.Ice;

public class IceSessionTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly byte[] _response = new byte[1500];

    [Fact]
    public void FirstAuthenticatedCheck_SelectsItsSource_AndGivesConsent()
    {
        var session = new IceSession(Server, _clock);
        Assert.False(session.HasConsent());
        Assert.False(session.HasSelectedAddress);

        IceBindingResult result = session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response);

        Assert.Equal(IceBindingOutcome.Success, result.Outcome);
        Assert.True(result.SelectedAddressChanged);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserWifi), session.SelectedAddress);
        Assert.Equal(BrowserWifi.Serialize(), session.SelectedSocketAddress);
        Assert.False(session.IsNominated);
        Assert.True(session.HasConsent());
    }

    [Fact]
    public void UseCandidate_RecordsNomination()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response);
        IceBindingResult result = session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi, _response);

        Assert.True(result.UseCandidate);
        Assert.False(result.SelectedAddressChanged);
        Assert.True(session.IsNominated);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserWifi), session.SelectedAddress);
    }

    [Fact]
    public void Consent_LapsesThirtySecondsAfterTheLastAuthenticatedCheck()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi, _response);

        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(session.HasConsent());
        session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response); // refresh at t=20s

        _clock.Advance(TimeSpan.FromSeconds(29.9));
        Assert.True(session.HasConsent(_clock.GetTimestamp()));
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(session.HasConsent(_clock.GetTimestamp()));
    }

    [Fact]
    public void UnauthenticatedChecks_DoNotRefreshConsent()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi, _response);
        _clock.Advance(TimeSpan.FromSeconds(25));

        IceBindingResult forged = session.HandleBindingRequest((ValidCheck with { Password = "anAttackersGuessIsWrong" }).Build(), BrowserWifi, _response);
        Assert.Equal(StunErrorCode.Unauthenticated, forged.ErrorCode);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(session.HasConsent());
    }

    [Fact]
    public void ChecksFromAnotherAddressWithoutNomination_DoNotMoveSelectionOrGiveItConsent()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi, _response);
        _clock.Advance(TimeSpan.FromSeconds(25));

        IceBindingResult other = session.HandleBindingRequest(ValidCheck.Build(), BrowserLte, _response);
        Assert.Equal(IceBindingOutcome.Success, other.Outcome);
        Assert.False(other.SelectedAddressChanged);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserWifi), session.SelectedAddress);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(session.HasConsent());
    }

    [Fact]
    public void BeforeNomination_DataFromAnotherCheckedAddress_MovesTheSelectionWithThatChecksConsent()
    {
        // A host with two interfaces: the browser checks from both, the first check selects the LAN address, and the
        // browser starts DTLS over the loopback pair it prefers.
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest(ValidCheck.Build(), BrowserLte, _response);
        session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserLte), session.SelectedAddress);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(session.FollowData(TransportAddress.FromEndPoint(BrowserWifi), BrowserWifi.Serialize()));

        Assert.Equal(TransportAddress.FromEndPoint(BrowserWifi), session.SelectedAddress);
        Assert.Equal(BrowserWifi.Serialize(), session.SelectedSocketAddress);
        Assert.False(session.IsNominated);
        // Consent runs from the Wi-Fi check (t=0), not from the data.
        _clock.Advance(TimeSpan.FromSeconds(28.9));
        Assert.True(session.HasConsent());
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(session.HasConsent());
    }

    [Fact]
    public void FollowData_NeverMovesToAnAddressWithoutARecentCheck_NorAfterNomination()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest(ValidCheck.Build(), BrowserLte, _response);
        var wifi = TransportAddress.FromEndPoint(BrowserWifi);

        // No check from Wi-Fi at all: data from there cannot take over (it would let anyone steal the media).
        Assert.False(session.FollowData(wifi, BrowserWifi.Serialize()));

        // A check from Wi-Fi longer ago than the consent timeout does not count either.
        session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response);
        _clock.Advance(IceSession.ConsentTimeout);
        session.HandleBindingRequest(ValidCheck.Build(), BrowserLte, _response);
        Assert.False(session.FollowData(wifi, BrowserWifi.Serialize()));
        Assert.Equal(TransportAddress.FromEndPoint(BrowserLte), session.SelectedAddress);

        // Once the browser nominated, only another nomination moves the selection.
        session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response);
        session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserLte, _response);
        Assert.False(session.FollowData(wifi, BrowserWifi.Serialize()));
        Assert.Equal(TransportAddress.FromEndPoint(BrowserLte), session.SelectedAddress);
    }

    [Fact]
    public void FollowData_FromTheSelectedAddress_ChangesNothing()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response);

        Assert.False(session.FollowData(TransportAddress.FromEndPoint(BrowserWifi), BrowserWifi.Serialize()));
        Assert.Equal(TransportAddress.FromEndPoint(BrowserWifi), session.SelectedAddress);
    }

    [Fact]
    public void NominationFromANewAddress_TakesOver()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi, _response);

        // The browser moved from Wi-Fi to LTE and nominates the new pair.
        IceBindingResult moved = session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserLte, _response);

        Assert.True(moved.SelectedAddressChanged);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserLte), session.SelectedAddress);
        Assert.Equal(BrowserLte.Serialize(), session.SelectedSocketAddress);
        Assert.True(session.IsNominated);
        Assert.True(session.HasConsent());
    }

    [Fact]
    public void IceRestart_OldCredentialsWorkUntilTheNewOnesSucceed_ThenNewAddressTakesOver()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi, _response);

        var newServer = new IceCredentials("srv2", "anotherserverpassword22");
        var newBrowser = new IceCredentials("brw2", "anotherbrowserpassword2");
        session.Restart(newServer);
        Assert.Same(Server, session.PreviousCredentials);

        // Consent checks on the old pair still use the old credentials and keep media flowing.
        Assert.Equal(IceBindingOutcome.Success, session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response).Outcome);

        IceBindingResult restarted = session.HandleBindingRequest(
            (Check(newServer, newBrowser) with { UseCandidate = true }).Build(), BrowserLte, _response);
        Assert.Equal(IceBindingOutcome.Success, restarted.Outcome);
        Assert.True(restarted.SelectedAddressChanged);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserLte), session.SelectedAddress);
        Assert.Null(session.PreviousCredentials);

        // The old credentials are gone now.
        IceBindingResult stale = session.HandleBindingRequest(ValidCheck.Build(), BrowserWifi, _response);
        Assert.Equal(StunErrorCode.Unauthenticated, stale.ErrorCode);
    }

    [Fact]
    public void IceRestart_TheFirstSuccessWithTheNewCredentialsSelectsItsSource_EvenWithoutUseCandidate()
    {
        var session = new IceSession(Server, _clock);
        session.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi, _response);

        var newServer = new IceCredentials("srv3", "yetanotherserverpassword");
        var newBrowser = new IceCredentials("brw3", "yetanotherbrowserpasswd");
        session.Restart(newServer);
        IceBindingResult restarted = session.HandleBindingRequest(Check(newServer, newBrowser).Build(), BrowserLte, _response);
        Assert.Equal(IceBindingOutcome.Success, restarted.Outcome);
        Assert.True(restarted.SelectedAddressChanged);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserLte), session.SelectedAddress);
        Assert.True(session.HasConsent());

        // Once the restart is done, an unnominated check from elsewhere does not move the selection.
        IceBindingResult later = session.HandleBindingRequest(Check(newServer, newBrowser).Build(), BrowserWifi, _response);
        Assert.Equal(IceBindingOutcome.Success, later.Outcome);
        Assert.False(later.SelectedAddressChanged);
        Assert.Equal(TransportAddress.FromEndPoint(BrowserLte), session.SelectedAddress);
    }

    [Fact]
    public void RoleConflict_DoesNotSelectOrGiveConsent()
    {
        var session = new IceSession(Server, _clock);
        IceBindingResult result = session.HandleBindingRequest(
            (ValidCheck with { IceControlling = null, IceControlled = 7, UseCandidate = true }).Build(), BrowserWifi, _response);
        Assert.Equal(StunErrorCode.RoleConflict, result.ErrorCode);
        Assert.False(session.HasSelectedAddress);
        Assert.False(session.HasConsent());
    }
}
