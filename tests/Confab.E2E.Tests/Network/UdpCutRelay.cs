using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Confab.E2E.Tests.Network;

/// <summary>
/// A UDP relay on loopback in front of the SFU: the server announces the relay's port in its ICE candidates
/// (Confab:Media:AnnouncedPort), browsers send to the relay, and the relay forwards each browser address through
/// its own socket to the SFU and back. It reads the USERNAME of STUN checks (RFC 8445 §7.2.2: "remote:local"
/// ufrags) to know which browser address belongs to which ICE ufrag, so <see cref="Cut"/> can drop everything of
/// one page's connections, both ways, until <see cref="Restore"/>.
/// </summary>
internal sealed class UdpCutRelay : IAsyncDisposable
{
    private readonly UdpClient _front = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentDictionary<IPEndPoint, Upstream> _upstreams = new();
    private readonly ConcurrentDictionary<IPEndPoint, string> _ufragOf = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile IPEndPoint? _sfu;
    private volatile HashSet<string> _cutUfrags = [];
    private Task _receiving = Task.CompletedTask;

    public int Port => ((IPEndPoint)_front.Client.LocalEndPoint!).Port;

    /// <summary>Datagrams dropped by the cut so far (both ways).</summary>
    public int Dropped => _dropped;

    private int _dropped;

    /// <summary>Starts relaying to the SFU's port (known once the server runs).</summary>
    public void Start(int sfuPort)
    {
        _sfu = new IPEndPoint(IPAddress.Loopback, sfuPort);
        _receiving = ReceiveFrontAsync();
    }

    /// <summary>Drops every datagram of the browser addresses whose STUN checks named one of these local ufrags.</summary>
    public void Cut(IEnumerable<string> clientUfrags) => _cutUfrags = [.. clientUfrags];

    public void Restore() => _cutUfrags = [];

    private bool IsCut(IPEndPoint client) => _ufragOf.TryGetValue(client, out var ufrag) && _cutUfrags.Contains(ufrag);

    private async Task ReceiveFrontAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await _front.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // ICMP unreachable of an earlier send: not this datagram's fault.
            }
            if (ClientUfrag(datagram.Buffer) is { } ufrag)
            {
                _ufragOf[datagram.RemoteEndPoint] = ufrag;
            }
            if (IsCut(datagram.RemoteEndPoint))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            var upstream = _upstreams.GetOrAdd(datagram.RemoteEndPoint, client => new Upstream(this, client));
            await upstream.SendAsync(datagram.Buffer, _sfu!);
        }
    }

    // RFC 5389 §6, §15.3: a STUN message (top bits 00, magic cookie) and its USERNAME "sfuUfrag:clientUfrag".
    private static string? ClientUfrag(byte[] datagram)
    {
        if (datagram.Length < 20 || (datagram[0] & 0xC0) != 0 || BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(4)) != 0x2112A442)
        {
            return null;
        }
        int offset = 20;
        while (offset + 4 <= datagram.Length)
        {
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset));
            ushort length = BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset + 2));
            if (offset + 4 + length > datagram.Length)
            {
                return null;
            }
            if (type == 0x0006)
            {
                string username = Encoding.UTF8.GetString(datagram, offset + 4, length);
                int colon = username.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 ? username[(colon + 1)..] : null;
            }
            offset += 4 + ((length + 3) & ~3);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _front.Dispose();
        foreach (var upstream in _upstreams.Values)
        {
            upstream.Dispose();
        }
        await _receiving;
        _stop.Dispose();
    }

    /// <summary>One browser address's own socket towards the SFU, and the way back.</summary>
    private sealed class Upstream : IDisposable
    {
        private readonly UdpCutRelay _relay;
        private readonly IPEndPoint _client;
        private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

        public Upstream(UdpCutRelay relay, IPEndPoint client)
        {
            _relay = relay;
            _client = client;
            _ = ReceiveAsync();
        }

        public async Task SendAsync(byte[] datagram, IPEndPoint sfu)
        {
            try
            {
                await _socket.SendAsync(datagram, sfu, _relay._stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }

        private async Task ReceiveAsync()
        {
            while (!_relay._stop.IsCancellationRequested)
            {
                UdpReceiveResult datagram;
                try
                {
                    datagram = await _socket.ReceiveAsync(_relay._stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }
                if (_relay.IsCut(_client))
                {
                    Interlocked.Increment(ref _relay._dropped);
                    continue;
                }
                try
                {
                    await _relay._front.SendAsync(datagram.Buffer, _client, _relay._stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                }
            }
        }

        public void Dispose() => _socket.Dispose();
    }
}
