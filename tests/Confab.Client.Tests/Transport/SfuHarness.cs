using System.Net;
using Confab.Client.Transport;
using Confab.Rtc.Dtls;
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
        var sfuSide = new TaskCompletionSource<TransportState>(TaskCreationOptions.RunContinuationsAsynchronously);
        WebRtcTransport transport = await Worker.InvokeAsync(() =>
        {
            WebRtcTransport created = Worker.CreateTransport(id);
            created.StateChanged += t =>
            {
                if (t.State is TransportState.Connected or TransportState.Failed)
                {
                    sfuSide.TrySetResult(t.State);
                }
            };
            created.Connect(DtlsRole.Server, client.LocalFingerprint);
            return created;
        });
        var remote = new RemoteTransport(
            transport.LocalIceCredentials, new IPEndPoint(IPAddress.Loopback, Worker.LocalEndPoint.Port), transport.LocalFingerprint, DtlsRole.Client);
        await client.ConnectAsync(remote).WaitAsync(Patience);
        Assert.Equal(TransportState.Connected, await sfuSide.Task.WaitAsync(Patience));
        return transport;
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
