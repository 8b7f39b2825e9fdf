using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using Confab.Sfu.Transport;

namespace Confab.Client.Tests.Transport;

/// <summary>
/// A browser on a host with two interfaces checks from both and runs DTLS over the pair it prefers, which need not be
/// the first that checked: the transport must answer the handshake where it comes from (RFC 8445 §12.1).
/// </summary>
public class SfuDtlsPairTests
{
    [Fact]
    public async Task Before_a_nomination_the_handshake_is_answered_on_the_checked_pair_it_arrives_on()
    {
        using var sfu = new SfuHarness();
        var clientCertificate = DtlsCertificate.Generate();
        var (transport, settled) = await sfu.CreateDtlsServerAsync("two-interfaces", clientCertificate.SdpFingerprint);
        var server = new IPEndPoint(IPAddress.Loopback, sfu.Worker.LocalEndPoint.Port);
        var checker = new IceControllingChecker(IceCredentials.Generate(), transport.LocalIceCredentials, IceControllingChecker.NewTieBreaker());

        // The first check (no nomination) comes from one socket and selects it; the second socket checks too.
        using var first = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var preferred = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Assert.Equal(IceCheckStatus.Success, await sfu.CheckAsync(first, checker));
        Assert.Equal(IceCheckStatus.Success, await sfu.CheckAsync(preferred, checker));
        Assert.Equal(TransportAddress.FromEndPoint(Local(first)), await sfu.Worker.InvokeAsync(() => transport.SelectedRemoteAddress));

        // The handshake runs over the second socket only: it completes only if the transport answers there.
        using var dtls = new DtlsEndpoint(clientCertificate, new UdpSender(preferred, server));
        using var stop = new CancellationTokenSource();
        Task pump = PumpAsync(preferred, dtls, stop.Token);
        DtlsResult result = await dtls.HandshakeAsync(DtlsRole.Client, transport.LocalFingerprint).WaitAsync(SfuHarness.Patience);
        Assert.Equal(TransportState.Connected, await settled.WaitAsync(SfuHarness.Patience));
        Assert.NotNull(result.SrtpKeys);
        Assert.Equal(TransportAddress.FromEndPoint(Local(preferred)), await sfu.Worker.InvokeAsync(() => transport.SelectedRemoteAddress));
        await stop.CancelAsync();
        await pump;
    }

    private static IPEndPoint Local(UdpClient socket) => (IPEndPoint)socket.Client.LocalEndPoint!;

    private static async Task PumpAsync(UdpClient socket, DtlsEndpoint dtls, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(stop);
                dtls.OnDatagram(received.Buffer);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class UdpSender(UdpClient socket, IPEndPoint server) : IDatagramSender
    {
        public void Send(ReadOnlySpan<byte> datagram) => socket.Client.SendTo(datagram, SocketFlags.None, server);
    }
}
