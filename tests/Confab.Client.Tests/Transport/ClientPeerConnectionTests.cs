using Confab.Client.Receive;
using Confab.Client.Tests.Receive;
using Confab.Client.Tests.Sdp;
using Confab.Client.Transport;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Transport;

public class ClientPeerConnectionTests
{
    [Fact]
    public async Task Ice_controlling_and_dtls_client_connect_to_the_media_worker_over_udp()
    {
        using var sfu = new SfuHarness();
        using var client = new ClientPeerConnection();
        var states = new List<ClientConnectionState>();
        client.StateChanged += (_, state) =>
        {
            lock (states)
            {
                states.Add(state);
            }
        };

        await sfu.ConnectAsync("t1", client);

        Assert.Equal(ClientConnectionState.Connected, client.State);
        Assert.NotNull(client.SrtpProfile);
        Assert.True(client.Counters.CheckSuccesses >= 1);
        Assert.True(sfu.Worker.Counters.StunAnswered >= 1);
        lock (states)
        {
            Assert.Equal([ClientConnectionState.Checking, ClientConnectionState.Handshaking, ClientConnectionState.Connected], states);
        }
    }

    [Fact]
    public async Task Srtp_keys_agree_both_ways()
    {
        using var sfu = new SfuHarness();
        using var client = new ClientPeerConnection();
        client.Incoming.Configure(ClientSdpTests.SfuLikeSubscribeOffer());
        var transport = await sfu.ConnectAsync("t1", client);

        // Client → SFU: the worker authenticates and decrypts them; with no producer they stop at "unknown SSRC".
        for (int i = 0; i < 20; i++)
        {
            client.SendRtp(PacketFeed.Audio(i, 100, 0, ssrc: 7777));
        }
        await SfuHarness.WaitUntilAsync(() => sfu.Worker.Counters.DroppedUnknownSsrc >= 20, "the SFU to decrypt 20 packets");
        Assert.Equal(0, sfu.Worker.Counters.DroppedSrtp);

        // SFU → client: the client decrypts them and counts them for SSRC 5001 (peer-A in the offer).
        long start = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        await sfu.Worker.InvokeAsync(() =>
        {
            var buffer = new byte[1500];
            for (int i = 0; i < 20; i++)
            {
                byte[] packet = PacketFeed.Audio(i, 300, start, ssrc: 5001);
                packet.CopyTo(buffer, 0);
                transport.SendRtp(buffer, packet.Length);
            }
        });
        await SfuHarness.WaitUntilAsync(() => client.Incoming.Snapshot().Any(s => s.Packets == 20), "the client to decrypt 20 packets");
        ReceiveStreamSnapshot stream = Assert.Single(client.Incoming.Snapshot());
        Assert.Equal(("peer-A", MediaKind.Audio, 0L), (stream.StreamId, stream.Kind, stream.Lost));
        Assert.Equal(0, client.Counters.SrtpFailures);
    }

    [Fact]
    public async Task A_client_with_a_wrong_fingerprint_expectation_fails_the_handshake()
    {
        using var sfu = new SfuHarness();
        using var client = new ClientPeerConnection();
        Confab.Sfu.Transport.WebRtcTransport transport = await sfu.Worker.InvokeAsync(() => sfu.Worker.CreateTransport("t1"));
        await sfu.Worker.InvokeAsync(() => transport.Connect(Confab.Rtc.Dtls.DtlsRole.Server, client.LocalFingerprint));
        string otherFingerprint = Confab.Rtc.Dtls.DtlsCertificate.Generate().SdpFingerprint;
        var remote = new RemoteTransport(transport.LocalIceCredentials,
            new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, sfu.Worker.LocalEndPoint.Port), otherFingerprint, Confab.Rtc.Dtls.DtlsRole.Client);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync(remote).WaitAsync(SfuHarness.Patience));
        Assert.Equal(ClientConnectionState.Failed, client.State);
        Assert.StartsWith("DTLS", client.FailureReason);
    }

    [Fact]
    public async Task Consent_checks_continue_after_connecting_and_their_loss_disconnects()
    {
        using var sfu = new SfuHarness();
        using var client = new ClientPeerConnection(new ClientPeerConnectionOptions
        {
            ConsentInterval = TimeSpan.FromMilliseconds(100),
            ConsentTimeout = TimeSpan.FromMilliseconds(600),
        });
        await sfu.ConnectAsync("t1", client);
        long afterConnect = client.Counters.CheckSuccesses;

        await SfuHarness.WaitUntilAsync(() => client.Counters.CheckSuccesses >= afterConnect + 3, "three answered consent checks");
        Assert.Equal(ClientConnectionState.Connected, client.State);

        sfu.Dispose(); // the SFU goes away: checks go unanswered
        await SfuHarness.WaitUntilAsync(() => client.State == ClientConnectionState.Disconnected, "consent to lapse");
    }

    [Fact]
    public async Task Ice_fails_in_time_when_nobody_answers()
    {
        using var silent = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        using var client = new ClientPeerConnection(new ClientPeerConnectionOptions { IceTimeout = TimeSpan.FromMilliseconds(300) });
        var remote = new RemoteTransport(Confab.Rtc.Ice.IceCredentials.Generate(), (System.Net.IPEndPoint)silent.Client.LocalEndPoint!,
            Confab.Rtc.Dtls.DtlsCertificate.Generate().SdpFingerprint, Confab.Rtc.Dtls.DtlsRole.Client);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync(remote).WaitAsync(SfuHarness.Patience));
        Assert.Equal(ClientConnectionState.Failed, client.State);
        Assert.True(client.Counters.ChecksSent >= 2, "checks are retransmitted");
    }
}
