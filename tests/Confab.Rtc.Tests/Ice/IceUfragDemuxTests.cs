using System.Net;
using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using static Confab.Rtc.Tests.Ice.IceTestData;

namespace Confab.Rtc.Tests.Ice;

public class IceUfragDemuxTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly byte[] _response = new byte[1500];

    [Fact]
    public void FirstPacket_ResolvesByUfrag_ThenEveryPacketByAddress()
    {
        var demux = new IceUfragDemux();
        var session = new IceSession(Server, _clock);
        var other = new IceSession(new IceCredentials("othr", "otherserverpassword2222"), _clock);
        Assert.True(demux.TryAdd(session));
        Assert.True(demux.TryAdd(other));
        TransportAddress wifi = TransportAddress.FromEndPoint(BrowserWifi);
        Assert.False(demux.TryGetByAddress(wifi, out _));

        IceBindingResult result = demux.HandleBindingRequest(ValidCheck.Build(), BrowserWifi.Serialize(), _response, out IceSession? found);

        Assert.Same(session, found);
        Assert.Equal(IceBindingOutcome.Success, result.Outcome);
        Assert.True(demux.TryGetByAddress(wifi, out IceSession? byAddress));
        Assert.Same(session, byAddress);

        // A DTLS record from the same address now finds the session without any USERNAME.
        Assert.True(demux.TryResolve([0x16, 0xFE, 0xFD, 0, 0], wifi, out IceSession? forDtls));
        Assert.Same(session, forDtls);
    }

    [Fact]
    public void UnauthenticatedChecks_NeverBindAnAddress()
    {
        var demux = new IceUfragDemux();
        demux.TryAdd(new IceSession(Server, _clock));

        IceBindingResult result = demux.HandleBindingRequest(
            (ValidCheck with { Password = "wrongwrongwrongwrongwro" }).Build(), BrowserWifi.Serialize(), _response, out _);

        Assert.Equal(StunErrorCode.Unauthenticated, result.ErrorCode);
        Assert.Equal(0, demux.AddressCount);
    }

    [Fact]
    public void UnknownUfragOrNonStun_FromUnknownAddress_IsNotResolved()
    {
        var demux = new IceUfragDemux();
        demux.TryAdd(new IceSession(Server, _clock));
        TransportAddress wifi = TransportAddress.FromEndPoint(BrowserWifi);

        Assert.False(demux.TryResolve(new CheckBuilder("nope:brwU", Server.Password).Build(), wifi, out _));
        Assert.False(demux.TryResolve([0x80, 0x60, 0, 1, 0, 0, 0, 0], wifi, out _));
        Assert.False(demux.TryGetByUfrag([0xC3, 0xA9, 0x41, 0x42], out _)); // non-ASCII ufrag
        Assert.Equal(IceDropReason.Malformed,
            demux.HandleBindingRequest([1, 2, 3], BrowserWifi.Serialize(), _response, out _).DropReason);
        Assert.Equal(IceDropReason.UnknownSession,
            demux.HandleBindingRequest(new CheckBuilder("nope:brwU", Server.Password).Build(), BrowserWifi.Serialize(), _response, out _).DropReason);
    }

    [Fact]
    public void AddressesPerSession_AreCapped_EvictingTheOldestUnselected()
    {
        var demux = new IceUfragDemux(maxAddressesPerSession: 2);
        var session = new IceSession(Server, _clock);
        demux.TryAdd(session);
        IPEndPoint first = new(IPAddress.Parse("203.0.113.1"), 1000);
        IPEndPoint second = new(IPAddress.Parse("203.0.113.2"), 1000);
        IPEndPoint third = new(IPAddress.Parse("203.0.113.3"), 1000);

        demux.HandleBindingRequest(ValidCheck.Build(), first.Serialize(), _response, out _);   // selected
        demux.HandleBindingRequest(ValidCheck.Build(), second.Serialize(), _response, out _);
        demux.HandleBindingRequest(ValidCheck.Build(), third.Serialize(), _response, out _);

        Assert.Equal(2, demux.AddressCount);
        Assert.True(demux.TryGetByAddress(TransportAddress.FromEndPoint(first), out _));
        Assert.False(demux.TryGetByAddress(TransportAddress.FromEndPoint(second), out _));
        Assert.True(demux.TryGetByAddress(TransportAddress.FromEndPoint(third), out _));
    }

    [Fact]
    public void Sessions_AreCapped_AndUfragsAreUnique()
    {
        var demux = new IceUfragDemux(maxSessions: 1);
        Assert.True(demux.TryAdd(new IceSession(Server, _clock)));
        Assert.False(demux.TryAdd(new IceSession(IceCredentials.Generate(), _clock)));

        var roomy = new IceUfragDemux();
        Assert.True(roomy.TryAdd(new IceSession(Server, _clock)));
        Assert.False(roomy.TryAdd(new IceSession(Server, _clock)));
    }

    [Fact]
    public void Restart_RekeysTheUfrag_AndKeepsBoundAddresses()
    {
        var demux = new IceUfragDemux();
        var session = new IceSession(Server, _clock);
        demux.TryAdd(session);
        demux.HandleBindingRequest((ValidCheck with { UseCandidate = true }).Build(), BrowserWifi.Serialize(), _response, out _);

        var newServer = new IceCredentials("srv2", "anotherserverpassword22");
        Assert.True(demux.Restart(session, newServer));

        Assert.False(demux.TryGetByUfrag("srvU"u8, out _));
        Assert.True(demux.TryGetByUfrag("srv2"u8, out IceSession? byNew));
        Assert.Same(session, byNew);
        Assert.True(demux.TryGetByAddress(TransportAddress.FromEndPoint(BrowserWifi), out _));

        var newBrowser = new IceCredentials("brw2", "anotherbrowserpassword2");
        IceBindingResult moved = demux.HandleBindingRequest(
            (Check(newServer, newBrowser) with { UseCandidate = true }).Build(), BrowserLte.Serialize(), _response, out IceSession? found);
        Assert.Same(session, found);
        Assert.True(moved.SelectedAddressChanged);
    }

    [Fact]
    public void AddressReusedByAnotherPeer_FollowsTheUsername()
    {
        var demux = new IceUfragDemux();
        var first = new IceSession(Server, _clock);
        var otherCredentials = new IceCredentials("othr", "otherserverpassword2222");
        var second = new IceSession(otherCredentials, _clock);
        demux.TryAdd(first);
        demux.TryAdd(second);
        demux.HandleBindingRequest(ValidCheck.Build(), BrowserWifi.Serialize(), _response, out _);

        // The NAT hands the same public address and port to another browser, checking the other session.
        IceBindingResult result = demux.HandleBindingRequest(
            Check(otherCredentials, Browser).Build(), BrowserWifi.Serialize(), _response, out IceSession? found);

        Assert.Same(second, found);
        Assert.Equal(IceBindingOutcome.Success, result.Outcome);
        Assert.True(demux.TryGetByAddress(TransportAddress.FromEndPoint(BrowserWifi), out IceSession? owner));
        Assert.Same(second, owner);
    }

    [Fact]
    public void Remove_ForgetsUfragAndAddresses()
    {
        var demux = new IceUfragDemux();
        var session = new IceSession(Server, _clock);
        demux.TryAdd(session);
        demux.HandleBindingRequest(ValidCheck.Build(), BrowserWifi.Serialize(), _response, out _);

        demux.Remove(session);

        Assert.Equal(0, demux.SessionCount);
        Assert.Equal(0, demux.AddressCount);
        Assert.False(demux.TryGetByUfrag("srvU"u8, out _));
    }
}
