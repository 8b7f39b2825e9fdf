using System.Net;
using System.Net.Sockets;
using Confab.Client.Transport;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Sdp;
using Confab.Rtc.Stun;
using Confab.Sfu.Negotiation;
using Confab.Sfu.Transport;

namespace Confab.Client.Tests.Transport;

/// <summary>
/// ICE restart on a connected transport (RFC 8445 §9): new local credentials, checks with them accepted from a new
/// address, which then becomes where the transport sends; the DTLS association stays.
/// </summary>
public class SfuIceRestartTests
{
    [Fact]
    public async Task A_restarted_transport_accepts_the_new_credentials_from_a_new_address_and_switches_to_it()
    {
        using var sfu = new SfuHarness();
        using var client = new ClientPeerConnection();
        var transport = await sfu.ConnectAsync("restart-address", client);
        var oldCredentials = transport.LocalIceCredentials;
        Assert.Equal(TransportAddress.FromEndPoint(client.LocalEndPoint), await sfu.Worker.InvokeAsync(() => transport.SelectedRemoteAddress));

        IceCredentials fresh = await sfu.Worker.InvokeAsync(() => transport.RestartIce());
        Assert.NotEqual(oldCredentials.Ufrag, fresh.Ufrag);
        Assert.Equal(fresh.Ufrag, transport.LocalIceCredentials.Ufrag);

        // A check with the new credentials from another socket (the peer moved), without USE-CANDIDATE.
        using var moved = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var movedEndPoint = (IPEndPoint)moved.Client.LocalEndPoint!;
        var checker = new IceControllingChecker(IceCredentials.Generate(), fresh, IceControllingChecker.NewTieBreaker());
        Assert.Equal(IceCheckStatus.Success, await sfu.CheckAsync(moved, checker));

        Assert.Equal(TransportAddress.FromEndPoint(movedEndPoint), await sfu.Worker.InvokeAsync(() => transport.SelectedRemoteAddress));
        Assert.Equal(TransportState.Connected, transport.State);

        // The old credentials are done with once the new ones worked: a check with them gets no answer, while the
        // check with the new ones sent right after it from the same socket does (the worker answers in order).
        var stale = new IceControllingChecker(IceCredentials.Generate(), oldCredentials, IceControllingChecker.NewTieBreaker());
        using var other = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var staleId = await sfu.SendCheckAsync(other, stale);
        var freshId = await sfu.SendCheckAsync(other, checker);
        var answer = await other.ReceiveAsync().WaitAsync(SfuHarness.Patience);
        Assert.Equal(IceCheckStatus.TransactionMismatch, stale.ReadResponse(answer.Buffer, staleId, out _, out _, out _));
        Assert.Equal(IceCheckStatus.Success, checker.ReadResponse(answer.Buffer, freshId, out _, out _, out _));

        // A later check without USE-CANDIDATE from elsewhere does not take the selection over.
        Assert.Equal(TransportAddress.FromEndPoint(movedEndPoint), await sfu.Worker.InvokeAsync(() => transport.SelectedRemoteAddress));
    }

    [Fact]
    public async Task A_client_restart_checks_the_new_credentials_and_keeps_its_dtls_association()
    {
        using var sfu = new SfuHarness();
        using var client = new ClientPeerConnection();
        var transport = await sfu.ConnectAsync("restart-client", client);
        var oldLocal = client.LocalIce;
        var profile = client.SrtpProfile;

        IceCredentials fresh = await sfu.Worker.InvokeAsync(() => transport.RestartIce());
        IceCredentials ours = client.RestartLocalIce();
        Assert.NotEqual(oldLocal.Ufrag, ours.Ufrag);
        long successes = client.Counters.CheckSuccesses;
        var remote = new RemoteTransport(fresh, new IPEndPoint(IPAddress.Loopback, sfu.Worker.LocalEndPoint.Port), transport.LocalFingerprint, DtlsRole.Client);
        await client.RestartIceAsync(remote).WaitAsync(SfuHarness.Patience);

        Assert.Equal(1, client.Counters.IceRestarts);
        Assert.True(client.Counters.CheckSuccesses > successes);
        Assert.Same(remote.Ice, client.Remote!.Ice);
        Assert.Equal(ClientConnectionState.Connected, client.State);
        Assert.Equal(profile, client.SrtpProfile);
        Assert.Equal(TransportState.Connected, transport.State);

        // The DTLS association is kept: a remote with another fingerprint cannot be an ICE restart.
        var otherFingerprint = DtlsCertificate.Generate().SdpFingerprint;
        Assert.Throws<InvalidOperationException>(() => { _ = client.RestartIceAsync(remote with { Fingerprint = otherFingerprint }); });
    }

    [Fact]
    public void The_announced_port_goes_into_every_candidate()
    {
        using var mapped = new MediaWorker(new MediaWorkerOptions
        {
            Port = 0,
            BindAddress = IPAddress.Loopback,
            AnnouncedAddresses = [IPAddress.Loopback, IPAddress.Parse("203.0.113.7")],
            AnnouncedPort = 3478,
        });
        Assert.All(mapped.LocalCandidates, c => Assert.Equal(3478, c.Port));
        Assert.Equal(2, mapped.LocalCandidates.Count);
        // As the SDP announces them (a subscribe offer's candidates).
        var offers = new SubscribeOfferBuilder();
        offers.Add(new SubscribedTrack("publisher", "audio", Confab.Sfu.Routing.MediaKind.Audio, 1234, null, KnownCodecs.Opus(111), null, "cname"));
        Assert.True(SdpFingerprint.TryParse(mapped.Certificate.SdpFingerprint, out var fingerprint, out _));
        var offer = offers.BuildOffer(new LocalTransportParameters("ufrag", "passwordpasswordpassword", fingerprint!, mapped.LocalCandidates));
        var announced = offer.Media.SelectMany(m => m.Candidates).ToList();
        Assert.Equal(2, announced.Count);
        Assert.All(announced, c => Assert.Equal(3478, c.Port));
        Assert.NotEqual(3478, mapped.LocalEndPoint.Port);

        using var plain = new MediaWorker(new MediaWorkerOptions { Port = 0, BindAddress = IPAddress.Loopback });
        Assert.All(plain.LocalCandidates, c => Assert.Equal(plain.LocalEndPoint.Port, c.Port));

        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaWorker(new MediaWorkerOptions { Port = 0, BindAddress = IPAddress.Loopback, AnnouncedPort = 70000 }));
    }
}
