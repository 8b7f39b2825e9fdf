using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Rtp;
using Confab.Rtc.Srtp;
using Confab.Rtc.Stun;
using Confab.Sfu.Routing;

namespace Confab.Sfu.Transport;

/// <summary>
/// One peer connection on the SFU side: ICE-lite (the peer checks, we answer), DTLS-SRTP, and the producers
/// the peer publishes and the consumers it receives on this transport. Lives on its worker's thread, except
/// the DTLS handshake, which runs on its own task and hands its keys back to the worker.
/// </summary>
public sealed partial class WebRtcTransport : IRtpSink, IKeyFrameRequester, IDatagramSender
{
    private readonly MediaWorker _worker;
    private readonly DtlsEndpoint _dtls;
    private readonly Dictionary<uint, Producer> _producersBySsrc = [];
    private readonly Dictionary<string, Producer> _producersByMid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Producer>.AlternateLookup<ReadOnlySpan<char>> _producersByMidSpan;
    private readonly Dictionary<string, Producer> _producersByMidAndRid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Producer>.AlternateLookup<ReadOnlySpan<char>> _producersByMidAndRidSpan;
    private readonly Dictionary<uint, Consumer> _consumersBySsrc = [];
    private readonly CancellationTokenSource _closing = new();
    private SrtpContext? _srtpIn;
    private SrtpContext? _srtpOut;
    private bool _consented;

    internal WebRtcTransport(MediaWorker worker, string id, IceSession ice)
    {
        _worker = worker;
        Id = id;
        Ice = ice;
        _dtls = new DtlsEndpoint(worker.Certificate, this);
        _producersByMidSpan = _producersByMid.GetAlternateLookup<ReadOnlySpan<char>>();
        _producersByMidAndRidSpan = _producersByMidAndRid.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Id { get; }

    public IceCredentials LocalIceCredentials => Ice.LocalCredentials;

    public string LocalFingerprint => _worker.Certificate.SdpFingerprint;

    public TransportState State { get; private set; } = TransportState.New;

    /// <summary>Why the DTLS handshake failed, when <see cref="State"/> is <see cref="TransportState.Failed"/>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>The header-extension id the peer uses for sdes:mid (RFC 8843 §15), 0 when not negotiated.</summary>
    public byte MidExtensionId { get; set; }

    /// <summary>The header-extension id the peer uses for sdes:rtp-stream-id (RFC 8852), 0 when not negotiated.</summary>
    public byte RidExtensionId { get; set; }

    public IReadOnlyCollection<Producer> Producers => [.. _producersByMid.Values, .. _producersByMidAndRid.Values];

    public IReadOnlyCollection<Consumer> Consumers => _consumersBySsrc.Values;

    /// <summary>Raised on the worker thread when media can flow, or when the handshake failed.</summary>
    public event Action<WebRtcTransport>? StateChanged;

    internal IceSession Ice { get; }

    /// <summary>
    /// Starts the DTLS handshake in <paramref name="role"/> expecting the peer's SDP fingerprint
    /// ("sha-256 AB:CD:…"). With browsers the SFU answers a=setup:passive and is the DTLS server.
    /// </summary>
    public void Connect(DtlsRole role, string remoteFingerprint)
    {
        _ = RunHandshakeAsync(role, remoteFingerprint);
    }

    /// <summary>
    /// ICE restart (RFC 8445 §9, RFC 8839 §4.4.1.1.1): new local ufrag and password for the next offer or answer.
    /// The DTLS association, SRTP contexts, producers and consumers stay; checks with the old credentials keep
    /// being answered until one with the new ones succeeds, which then selects where it came from. Worker thread only.
    /// </summary>
    public IceCredentials RestartIce()
    {
        if (State == TransportState.Closed)
        {
            throw new InvalidOperationException($"Transport '{Id}' is closed.");
        }
        return _worker.RestartIce(this);
    }

    /// <summary>The remote address media and DTLS go to; unspecified until a check selected one. Worker thread only.</summary>
    public TransportAddress SelectedRemoteAddress => Ice.SelectedAddress;

    /// <summary>Registers a producer whose packets arrive on this transport, by mid (and SSRC when the SDP gave one).</summary>
    public void AddProducer(Producer producer, uint? ssrc = null)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (producer.Options.Mid is { } mid && producer.Options.Rid is { } rid)
        {
            _producersByMidAndRid[MidAndRid(mid, rid)] = producer;
        }
        else if (producer.Options.Mid is { } onlyMid)
        {
            _producersByMid[onlyMid] = producer;
        }
        if (ssrc is uint known)
        {
            producer.Ssrc = known;
            _producersBySsrc[known] = producer;
        }
    }

    public void RemoveProducer(Producer producer)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (producer.Options.Mid is { } mid && producer.Options.Rid is { } rid)
        {
            _producersByMidAndRid.Remove(MidAndRid(mid, rid));
        }
        else if (producer.Options.Mid is { } onlyMid)
        {
            _producersByMid.Remove(onlyMid);
        }
        if (producer.Ssrc != 0)
        {
            _producersBySsrc.Remove(producer.Ssrc);
        }
    }

    /// <summary>Registers a consumer sending on this transport, so RTCP feedback for its SSRC reaches it.</summary>
    public void AddConsumer(Consumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumersBySsrc[consumer.Ssrc] = consumer;
    }

    /// <summary>Ends a consumer of this transport: it leaves its router (no more packets) and its SSRC is forgotten.</summary>
    public void RemoveConsumer(Consumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumersBySsrc.Remove(consumer.Ssrc);
        consumer.Producer.Router.RemoveConsumer(consumer);
    }

    /// <summary>Closes the transport: its producers and consumers leave their routers.</summary>
    public void Close()
    {
        if (State == TransportState.Closed)
        {
            return;
        }
        State = TransportState.Closed;
        foreach (var producer in _producersByMid.Values.Concat(_producersByMidAndRid.Values).Concat(_producersBySsrc.Values).Distinct().ToArray())
        {
            producer.Router.RemoveProducer(producer);
        }
        foreach (var consumer in _consumersBySsrc.Values.ToArray())
        {
            consumer.Producer.Router.RemoveConsumer(consumer);
        }
        _producersByMid.Clear();
        _producersByMidAndRid.Clear();
        _producersBySsrc.Clear();
        _consumersBySsrc.Clear();
        _closing.Cancel();
        _worker.Forget(this);
        _dtls.Dispose();
        _srtpIn?.Dispose();
        _srtpOut?.Dispose();
    }

    /// <summary>The key of a simulcast layer: mid and rid joined by a character neither may contain.</summary>
    internal static string MidAndRid(string mid, string rid) => $"{mid} {rid}";

    internal void OnConnectivityCheck(bool selectedAddressChanged)
    {
        _consented = true;
        if (State == TransportState.Disconnected)
        {
            SetState(TransportState.Connected);
        }
    }

    internal void OnDtls(ReadOnlySpan<byte> datagram) => _dtls.OnDatagram(datagram);

    /// <summary>Which of the worker's tick slots this transport ticks in (the worker spreads its transports over them).</summary>
    public int TickSlot { get; internal init; }

    internal void OnTick(long nowMs, Span<byte> scratch)
    {
        bool consent = Ice.HasConsent();
        if (_consented && !consent && State == TransportState.Connected)
        {
            SetState(TransportState.Disconnected);
        }
        _consented = consent;
        if (State == TransportState.Connected)
        {
            SendReports(nowMs, scratch);
        }
    }

    // IDatagramSender: DTLS flights go to the selected address; called from the handshake's thread.
    void IDatagramSender.Send(ReadOnlySpan<byte> datagram)
    {
        if (Ice.SelectedSocketAddress is { } address)
        {
            _worker.Socket.Send(datagram, address);
        }
    }

    private async Task RunHandshakeAsync(DtlsRole role, string remoteFingerprint)
    {
        try
        {
            DtlsResult result = await _dtls.HandshakeAsync(role, remoteFingerprint, _closing.Token).ConfigureAwait(false);
            _worker.Post(() => OnHandshakeDone(result));
        }
        catch (Exception e) when (e is DtlsHandshakeException or OperationCanceledException or ArgumentException or ObjectDisposedException)
        {
            _worker.Post(() => OnHandshakeFailed(e.Message));
        }
    }

    private void OnHandshakeDone(DtlsResult result)
    {
        if (State == TransportState.Closed)
        {
            return;
        }
        var profile = (SrtpProfile)result.SrtpKeys.ProfileId;
        _srtpOut = SrtpContext.Create(profile, result.SrtpKeys.LocalKey, result.SrtpKeys.LocalSalt, _worker.MaxSrtpStreams);
        _srtpIn = SrtpContext.Create(profile, result.SrtpKeys.RemoteKey, result.SrtpKeys.RemoteSalt, _worker.MaxSrtpStreams);
        SetState(TransportState.Connected);
    }

    private void OnHandshakeFailed(string reason)
    {
        if (State == TransportState.Closed)
        {
            return;
        }
        FailureReason = reason;
        SetState(TransportState.Failed);
    }

    private void SetState(TransportState state)
    {
        State = state;
        StateChanged?.Invoke(this);
    }
}
