using System.Net;
using System.Net.Sockets;

namespace Confab.E2E.Tests.Network;

/// <summary>
/// A TCP proxy on loopback in front of the server, for one browser: its HTTP and WebSocket go through here, and
/// <see cref="Cut"/> takes that browser's network away — open connections are reset and new ones refused — until
/// <see cref="Restore"/>. (Browser offline emulation does not touch WebSockets or WebRTC.)
/// </summary>
internal sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _open = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private bool _cut;

    public TcpCutProxy(Uri upstream)
    {
        _upstream = new IPEndPoint(IPAddress.Loopback, upstream.Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void Cut()
    {
        List<(TcpClient Client, TcpClient Server)> open;
        lock (_gate)
        {
            _cut = true;
            open = [.. _open];
            _open.Clear();
        }
        foreach (var (client, server) in open)
        {
            Reset(client);
            Reset(server);
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            _cut = false;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        bool cut;
        lock (_gate)
        {
            cut = _cut;
        }
        if (cut)
        {
            Reset(client);
            return;
        }
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_upstream, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            Reset(client);
            server.Dispose();
            return;
        }
        lock (_gate)
        {
            _open.Add((client, server));
        }
        await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        lock (_gate)
        {
            _open.Remove((client, server));
        }
        client.Dispose();
        server.Dispose();
    }

    private async Task CopyAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException or SocketException)
        {
            // A reset or a closed side ends the pipe.
        }
    }

    // Linger 0: the close sends a reset, as a network that vanished leaves the peer with a dead connection. The pipe
    // may have closed the client meanwhile (its Socket is then null or disposed): nothing is left to reset.
    private static void Reset(TcpClient client)
    {
        var socket = client.Client;
        if (socket is null)
        {
            return;
        }
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
