using System.Net;
using System.Net.Sockets;
using Confab.Client.Transport;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using Confab.Sfu.Transport;

namespace Confab.Client.Tests.Transport;

/// <summary>An in-process media worker on a loopback port, and helpers to connect client connections to its transports.</summary>
internal sealed class SfuHarness : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public SfuHarness(TimeProvider? time = null)
    {
        Worker = new MediaWorker(new MediaWorkerOptions { Port = 0, BindAddress = IPAddress.Loopback }, time);
        Worker.Start();
    }

    public MediaWorker Worker { get; }

    /// <summary>Creates a transport, lets it expect the client's fingerprint as DTLS server, and connects the client to it.</summary>
    public async Task<WebRtcTransport> ConnectAsync(string id, ClientPeerConnection client)
    {
        var (transport, settled) = await CreateDtlsServerAsync(id, client.LocalFingerprint);
        var remote = new RemoteTransport(
            transport.LocalIceCredentials, new IPEndPoint(IPAddress.Loopback, Worker.LocalEndPoint.Port), transport.LocalFingerprint, DtlsRole.Client);
        await client.ConnectAsync(remote).WaitAsync(Patience);
        Assert.Equal(TransportState.Connected, await settled.WaitAsync(Patience));
        return transport;
    }

    /// <summary>
    /// A transport waiting as DTLS server for a client with <paramref name="clientFingerprint"/>; the task ends with its
    /// state once it is connected or failed.
    /// </summary>
    public async Task<(WebRtcTransport Transport, Task<TransportState> Settled)> CreateDtlsServerAsync(string id, string clientFingerprint)
    {
        var settled = new TaskCompletionSource<TransportState>(TaskCreationOptions.RunContinuationsAsynchronously);
        WebRtcTransport transport = await Worker.InvokeAsync(() =>
        {
            WebRtcTransport created = Worker.CreateTransport(id);
            created.StateChanged += t =>
            {
                if (t.State is TransportState.Connected or TransportState.Failed)
                {
                    settled.TrySetResult(t.State);
                }
            };
            created.Connect(DtlsRole.Server, clientFingerprint);
            return created;
        });
        return (transport, settled.Task);
    }

    /// <summary>One binding request without USE-CANDIDATE from <paramref name="socket"/> to the worker, and how it was answered.</summary>
    public async Task<IceCheckStatus> CheckAsync(UdpClient socket, IceControllingChecker checker)
    {
        var id = await SendCheckAsync(socket, checker);
        var response = await socket.ReceiveAsync().WaitAsync(Patience);
        return checker.ReadResponse(response.Buffer, id, out _, out _, out _);
    }

    /// <summary>Sends one binding request without USE-CANDIDATE from <paramref name="socket"/> to the worker.</summary>
    public async Task<StunTransactionId> SendCheckAsync(UdpClient socket, IceControllingChecker checker)
    {
        var request = new byte[256];
        int length = checker.WriteBindingRequest(request, priority: 0x6E00FFFF, useCandidate: false, out StunTransactionId id);
        await socket.SendAsync(request.AsMemory(0, length), new IPEndPoint(IPAddress.Loopback, Worker.LocalEndPoint.Port));
        return id;
    }

    /// <summary>Polls a condition (no fixed sleeps: each check waits only as long as the next poll).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
            await Task.Delay(20);
        }
    }

    public void Dispose() => Worker.Dispose();
}
