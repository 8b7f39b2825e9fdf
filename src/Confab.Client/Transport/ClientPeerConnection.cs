using System.Net;
using Confab.Client.Media;
using Confab.Client.Receive;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Net;
using Confab.Rtc.Srtp;

namespace Confab.Client.Transport;

/// <summary>
/// One client-side WebRTC connection to the SFU (the browser has two: publish and subscribe). It owns a UDP
/// socket whose receive thread runs everything connection-bound: the controlling ICE side (checks with
/// USE-CANDIDATE to the SFU's host candidate until a success response, then RFC 7675 consent checks), the DTLS
/// handshake in the role a=setup gave us, SRTP/SRTCP both ways, incoming stream statistics, receiver reports
/// and PLIs. <see cref="SendRtp"/> may be called from any thread (sends are serialised by a lock).
/// </summary>
public sealed partial class ClientPeerConnection : IDatagramHandler, IDatagramSender, IRtpPacketSink, IDisposable
{
    private const int SendBufferSize = 1500;

    private readonly ClientPeerConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly UdpMediaSocket _socket;
    private readonly DtlsEndpoint _dtls;
    private readonly object _sendLock = new();
    private readonly byte[] _sendBuffer = GC.AllocateUninitializedArray<byte>(SendBufferSize, pinned: true);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private volatile RemoteTransport? _remote;
    private volatile IceCredentials _localIce;
    private SocketAddress? _remoteAddress;
    private SrtpContext? _srtpIn;
    private SrtpContext? _srtpOut;
    private int _state = (int)ClientConnectionState.New;

    public ClientPeerConnection(ClientPeerConnectionOptions? options = null, DtlsCertificate? certificate = null)
    {
        _options = options ?? new ClientPeerConnectionOptions();
        _time = _options.Time;
        _localIce = IceCredentials.Generate();
        Certificate = certificate ?? DtlsCertificate.Generate();
        RtcpSsrc = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
        _dtls = new DtlsEndpoint(Certificate, this);
        _socket = _options.Loop is { } loop ? new UdpMediaSocket(_options.BindTo, this, loop) : new UdpMediaSocket(_options.BindTo, this);
        _socket.Start();
    }

    /// <summary>Our ICE ufrag and password for the next offer or answer (new ones after <see cref="RestartLocalIce"/>).</summary>
    public IceCredentials LocalIce => _localIce;

    /// <summary>The other side's transport being checked (the latest, after an ICE restart); null before connecting.</summary>
    public RemoteTransport? Remote => _remote;

    public DtlsCertificate Certificate { get; }

    /// <summary>Our fingerprint as SDP writes it ("sha-256 AB:CD:…").</summary>
    public string LocalFingerprint => Certificate.SdpFingerprint;

    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>The SSRC our RTCP reports and feedback carry as sender.</summary>
    public uint RtcpSsrc { get; }

    public ClientConnectionState State => (ClientConnectionState)Volatile.Read(ref _state);

    public string? FailureReason { get; private set; }

    /// <summary>The SRTP profile the DTLS handshake chose, once connected.</summary>
    public SrtpProfile? SrtpProfile { get; private set; }

    /// <summary>The incoming streams and their statistics.</summary>
    public IncomingStreams Incoming { get; } = new();

    public ConnectionCounters Counters { get; } = new();

    /// <summary>Raised (on the receive or handshake thread) whenever <see cref="State"/> changes.</summary>
    public event Action<ClientPeerConnection, ClientConnectionState>? StateChanged;

    /// <summary>A PLI or FIR asked for a key frame of this SSRC (raised on the receive thread).</summary>
    public event Action<uint>? KeyFrameRequested;

    /// <summary>
    /// Starts ICE towards <paramref name="remote"/> and completes once DTLS is done and SRTP is keyed.
    /// Calling it again with the same remote only waits.
    /// </summary>
    /// <exception cref="InvalidOperationException">ICE or DTLS failed, or the connection closed.</exception>
    public Task ConnectAsync(RemoteTransport remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (Interlocked.CompareExchange(ref _remote, remote, null) is { } existing && existing != remote)
        {
            if (!existing.Ice.Ufrag.Equals(remote.Ice.Ufrag, StringComparison.Ordinal) || !existing.Candidate.Equals(remote.Candidate))
            {
                throw new InvalidOperationException("New remote ICE credentials or a new remote address: use RestartIceAsync.");
            }
        }
        _socket.Wake();
        return _connected.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Protects and sends one RTP packet (any thread). Dropped until connected.</summary>
    public void SendRtp(ReadOnlySpan<byte> packet)
    {
        lock (_sendLock)
        {
            if (_srtpOut is null || _remoteAddress is null || State != ClientConnectionState.Connected
                || packet.Length + _srtpOut.RtpOverhead > _sendBuffer.Length)
            {
                Counters.RtpNotSent++;
                return;
            }
            packet.CopyTo(_sendBuffer);
            if (_srtpOut.TryProtectRtp(_sendBuffer, packet.Length, out int length) && _socket.Send(_sendBuffer.AsSpan(0, length), _remoteAddress))
            {
                Counters.RtpSent++;
                Counters.RtpBytesSent += packet.Length;
            }
            else
            {
                Counters.RtpNotSent++;
            }
        }
    }

    /// <summary>Protects and sends one RTCP compound packet (any thread); false until connected.</summary>
    public bool SendRtcp(ReadOnlySpan<byte> packet)
    {
        lock (_sendLock)
        {
            if (_srtpOut is null || _remoteAddress is null || packet.Length + _srtpOut.RtcpOverhead > _sendBuffer.Length)
            {
                return false;
            }
            packet.CopyTo(_sendBuffer);
            if (_srtpOut.TryProtectRtcp(_sendBuffer, packet.Length, out int length) && _socket.Send(_sendBuffer.AsSpan(0, length), _remoteAddress))
            {
                Counters.RtcpSent++;
                return true;
            }
            return false;
        }
    }

    public void Dispose()
    {
        if (SetState(ClientConnectionState.Closed) == ClientConnectionState.Closed)
        {
            return;
        }
        _closing.Cancel();
        _socket.Dispose();
        _dtls.Dispose();
        lock (_sendLock)
        {
            _srtpOut?.Dispose();
            _srtpOut = null;
        }
        _connected.TrySetException(new InvalidOperationException("The connection closed."));
        FailRestart("The connection closed.");
    }

    void IDatagramHandler.OnDatagram(Span<byte> datagram, SocketAddress source)
    {
        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Stun:
                OnStun(datagram);
                break;
            case PacketKind.Dtls:
                _dtls.OnDatagram(datagram);
                break;
            case PacketKind.Rtp:
                OnRtp(datagram);
                break;
            case PacketKind.Rtcp:
                OnRtcp(datagram);
                break;
            default:
                Counters.DroppedDatagrams++;
                break;
        }
    }

    void IDatagramHandler.OnTick()
    {
        if (State is ClientConnectionState.Closed or ClientConnectionState.Failed)
        {
            return;
        }
        long now = _time.GetTimestamp();
        TickIce(now);
        if (State == ClientConnectionState.Connected)
        {
            TickReports(now);
        }
    }

    // IDatagramSender: DTLS flights go to the checked candidate.
    void IDatagramSender.Send(ReadOnlySpan<byte> datagram)
    {
        if (_remoteAddress is { } address)
        {
            _socket.Send(datagram, address);
        }
    }

    private async Task RunHandshakeAsync(RemoteTransport remote)
    {
        try
        {
            DtlsResult result = await _dtls.HandshakeAsync(remote.LocalDtlsRole, remote.Fingerprint, _closing.Token).ConfigureAwait(false);
            var profile = (SrtpProfile)result.SrtpKeys.ProfileId;
            SrtpProfile = profile;
            _srtpIn = SrtpContext.Create(profile, result.SrtpKeys.RemoteKey, result.SrtpKeys.RemoteSalt);
            lock (_sendLock)
            {
                _srtpOut = SrtpContext.Create(profile, result.SrtpKeys.LocalKey, result.SrtpKeys.LocalSalt);
            }
            if (SetState(ClientConnectionState.Connected) == ClientConnectionState.Handshaking)
            {
                _connected.TrySetResult();
            }
        }
        catch (Exception e) when (e is DtlsHandshakeException or OperationCanceledException or ArgumentException or ObjectDisposedException)
        {
            Fail($"DTLS: {e.Message}");
        }
    }

    private void Fail(string reason)
    {
        FailureReason ??= reason;
        ClientConnectionState previous = SetState(ClientConnectionState.Failed);
        if (previous != ClientConnectionState.Closed)
        {
            _connected.TrySetException(new InvalidOperationException(reason));
        }
        FailRestart(reason);
    }

    /// <summary>Moves to <paramref name="next"/> unless closed; returns the state before.</summary>
    private ClientConnectionState SetState(ClientConnectionState next)
    {
        int previous;
        do
        {
            previous = Volatile.Read(ref _state);
            if (previous == (int)ClientConnectionState.Closed || previous == (int)next)
            {
                return (ClientConnectionState)previous;
            }
        }
        while (Interlocked.CompareExchange(ref _state, (int)next, previous) != previous);
        try
        {
            StateChanged?.Invoke(this, next);
        }
        catch (Exception)
        {
            // A failing subscriber must not break the connection.
        }
        return (ClientConnectionState)previous;
    }
}
