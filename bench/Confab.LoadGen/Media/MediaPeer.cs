using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Net;
using Confab.Rtc.Rtp;
using Confab.Rtc.Srtp;
using Confab.Rtc.Stun;

namespace Confab.LoadGen.Media;

/// <summary>A decrypted RTP packet: its header, the whole packet, and when it arrived (monotonic microseconds).</summary>
public delegate void RtpPacketHandler(in RtpHeader header, ReadOnlySpan<byte> packet, long arrivalMicroseconds);

/// <summary>
/// One WebRTC transport of a synthetic participant, against a full ICE agent (Janus) or an ICE-lite server:
/// its own UDP socket, ICE in the role the offer/answer gives (controlling: checks with USE-CANDIDATE to the
/// remote candidates until one succeeds; controlled: the first authenticated check — nominated or not —
/// selects the address), answers to the peer's checks in both roles, DTLS-SRTP in the role a=setup gives,
/// then SRTP both ways. Its socket is a <see cref="UdpMediaSocket"/>: served by a shared <see cref="MediaIoLoop"/>
/// when given one (as the Confab participants' are), else by its own receive thread; <see cref="SendRtp"/> from one
/// sending thread.
/// </summary>
public sealed class MediaPeer : IDisposable, IDatagramSender, IDatagramHandler
{
    // RFC 8445 §5.1.2.1: type preference 126 (host) / 110 (peer-reflexive), local preference 65535, component 1.
    public const uint HostPriority = (126u << 24) | (65535u << 8) | 255u;
    private const uint PeerReflexivePriority = (110u << 24) | (65535u << 8) | 255u;

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ConsentInterval = TimeSpan.FromSeconds(2);

    private readonly UdpMediaSocket _socket;
    private readonly byte[] _response = new byte[IceLiteResponder.MaxSuccessResponseSize];
    private readonly DtlsCertificate _certificate;
    private readonly object _selectLock = new();
    private readonly TaskCompletionSource _selected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _checksLock = new();
    private readonly Dictionary<StunTransactionId, IPEndPoint> _checksInFlight = [];
    private IceCredentials? _remoteCredentials;
    private IceControllingChecker? _checker;
    private DtlsEndpoint? _dtls;
    private SrtpContext? _srtpOut;
    private SrtpContext? _srtpIn;
    private SocketAddress? _remote;
    private volatile bool _closed;

    public MediaPeer(IPAddress localAddress, DtlsCertificate certificate, MediaIoLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(localAddress);
        ArgumentNullException.ThrowIfNull(certificate);
        _certificate = certificate;
        var bindTo = new IPEndPoint(localAddress, 0);
        _socket = loop is null ? new UdpMediaSocket(bindTo, this) : new UdpMediaSocket(bindTo, this, loop);
        LocalEndPoint = _socket.LocalEndPoint;
        LocalCredentials = IceCredentials.Generate();
        _socket.Start();
    }

    public IPEndPoint LocalEndPoint { get; }

    public IceCredentials LocalCredentials { get; }

    /// <summary>Our a=fingerprint value.</summary>
    public string LocalFingerprint => _certificate.SdpFingerprint;

    /// <summary>Decrypted RTP, on the receive thread.</summary>
    public event RtpPacketHandler? RtpReceived;

    public long RtpPacketsReceived { get; private set; }

    public long RtcpPacketsReceived { get; private set; }

    public long UnprotectFailures { get; private set; }

    public long RtpPacketsSent { get; private set; }

    public long SendFailures { get; private set; }

    /// <summary>The address media goes to, once ICE selected one.</summary>
    public IPEndPoint? RemoteEndPoint { get; private set; }

    /// <summary>Whether SRTP keys are in place (ICE and DTLS done).</summary>
    public bool IsConnected => _srtpOut is not null;

    /// <summary>
    /// Connects: ICE (controlling when we made the offer), then DTLS in <paramref name="dtlsRole"/> against the peer's
    /// <paramref name="remoteFingerprint"/>, then SRTP from the exported keys.
    /// </summary>
    public async Task ConnectAsync(IceCredentials remoteCredentials, IReadOnlyList<IPEndPoint> remoteCandidates, bool controlling,
        DtlsRole dtlsRole, string remoteFingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remoteCredentials);
        ArgumentNullException.ThrowIfNull(remoteCandidates);
        _remoteCredentials = remoteCredentials;
        if (controlling)
        {
            _checker = new IceControllingChecker(LocalCredentials, remoteCredentials, IceControllingChecker.NewTieBreaker());
            _ = Task.Run(() => CheckLoopAsync(remoteCandidates, cancellationToken), cancellationToken);
        }

        await _selected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        _dtls = new DtlsEndpoint(_certificate, this);
        DtlsResult result = await _dtls.HandshakeAsync(dtlsRole, remoteFingerprint, cancellationToken).ConfigureAwait(false);
        var profile = (SrtpProfile)result.SrtpKeys.ProfileId;
        _srtpIn = SrtpContext.Create(profile, result.SrtpKeys.RemoteKey, result.SrtpKeys.RemoteSalt);
        _srtpOut = SrtpContext.Create(profile, result.SrtpKeys.LocalKey, result.SrtpKeys.LocalSalt);
    }

    /// <summary>
    /// Protects the RTP packet in <paramref name="buffer"/>[..<paramref name="length"/>] in place (the buffer needs
    /// room for the SRTP tag) and sends it. False before the transport is up or when protecting or sending fails.
    /// </summary>
    public bool SendRtp(Span<byte> buffer, int length)
    {
        if (_srtpOut is not SrtpContext output || _remote is not SocketAddress remote)
        {
            return false;
        }

        if (!output.TryProtectRtp(buffer, length, out int protectedLength))
        {
            SendFailures++;
            return false;
        }

        if (!TrySend(buffer[..protectedLength], remote))
        {
            return false;
        }

        RtpPacketsSent++;
        return true;
    }

    /// <summary>IDatagramSender for DTLS: to the selected address.</summary>
    void IDatagramSender.Send(ReadOnlySpan<byte> datagram)
    {
        if (_remote is SocketAddress remote)
        {
            TrySend(datagram, remote);
        }
    }

    private bool TrySend(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        if (_closed)
        {
            return false;
        }
        if (!_socket.Send(datagram, remote))
        {
            SendFailures++;
            return false;
        }
        return true;
    }

    private async Task CheckLoopAsync(IReadOnlyList<IPEndPoint> candidates, CancellationToken cancellationToken)
    {
        byte[] request = new byte[256];
        while (!_closed && !cancellationToken.IsCancellationRequested)
        {
            bool connected = _selected.Task.IsCompleted;
            IEnumerable<IPEndPoint> targets = connected && RemoteEndPoint is IPEndPoint chosen ? [chosen] : candidates;
            foreach (IPEndPoint target in targets)
            {
                int length = _checker!.WriteBindingRequest(request, PeerReflexivePriority, useCandidate: true, out StunTransactionId id);
                lock (_checksLock)
                {
                    if (_checksInFlight.Count > 64)
                    {
                        _checksInFlight.Clear();
                    }

                    _checksInFlight[id] = target;
                }

                TrySend(request.AsSpan(0, length), target.Serialize());
            }

            await Task.Delay(connected ? ConsentInterval : CheckInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    void IDatagramHandler.OnDatagram(Span<byte> datagram, SocketAddress source)
    {
        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Stun:
                OnStun(datagram, source, _response);
                break;
            case PacketKind.Dtls:
                _dtls?.OnDatagram(datagram);
                break;
            case PacketKind.Rtp:
                OnRtp(datagram);
                break;
            case PacketKind.Rtcp:
                RtcpPacketsReceived++;
                break;
            default:
                break;
        }
    }

    void IDatagramHandler.OnTick()
    {
    }

    private void OnStun(ReadOnlySpan<byte> datagram, SocketAddress source, Span<byte> response)
    {
        if (!TransportAddress.TryFromSocketAddress(source, out TransportAddress from) || !StunMessage.TryRead(datagram, out StunMessageView message))
        {
            return;
        }

        if (message.Type == StunMessageType.BindingRequest)
        {
            int length = IceAgentResponder.Respond(datagram, from, LocalCredentials, response, out _);
            if (length > 0)
            {
                TrySend(response[..length], source);
                if (_checker is null)
                {
                    // Controlled: the controlling peer's first authenticated check selects the pair.
                    Select(source);
                }
            }

            return;
        }

        if (_checker is null)
        {
            return;
        }

        StunTransactionId id = message.TransactionId;
        IPEndPoint? target;
        lock (_checksLock)
        {
            if (!_checksInFlight.Remove(id, out target))
            {
                return;
            }
        }

        if (_checker.ReadResponse(datagram, id, out _, out _, out _) == IceCheckStatus.Success)
        {
            Select(target.Serialize());
        }
    }

    private void Select(SocketAddress address)
    {
        lock (_selectLock)
        {
            if (_remote is not null)
            {
                return;
            }

            var copy = new SocketAddress(address.Family, address.Size);
            address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
            _remote = copy;
            RemoteEndPoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(copy);
        }

        _selected.TrySetResult();
    }

    private void OnRtp(Span<byte> datagram)
    {
        if (_srtpIn is not SrtpContext input)
        {
            return;
        }

        if (!input.TryUnprotectRtp(datagram, datagram.Length, out int plainLength))
        {
            UnprotectFailures++;
            return;
        }

        ReadOnlySpan<byte> packet = datagram[..plainLength];
        if (RtpHeader.TryRead(packet, out RtpHeader header))
        {
            RtpPacketsReceived++;
            RtpReceived?.Invoke(header, packet, ProbeTrailer.NowMicroseconds());
        }
    }

    public void Dispose()
    {
        _closed = true;
        _dtls?.Dispose();
        _socket.Dispose();
        _srtpIn?.Dispose();
        _srtpOut?.Dispose();
    }
}
