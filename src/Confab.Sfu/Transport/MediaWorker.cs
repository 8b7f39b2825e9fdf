using System.Collections.Concurrent;
using System.Net;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Net;
using Confab.Rtc.Stun;
using Confab.Sfu.Routing;

namespace Confab.Sfu.Transport;

/// <summary>
/// One UDP port, one thread: every transport and router of this worker lives on the socket's receive thread,
/// so the packet path takes no lock. Anything else (signaling) reaches that state only through
/// <see cref="InvokeAsync{T}(Func{T})"/>, whose work runs on the worker thread between datagrams.
/// </summary>
public sealed class MediaWorker : IDatagramHandler, IDisposable
{
    private const int ScratchSize = 2048;
    private const int StunResponseSize = 512;
    private const long TransportTickIntervalMs = 100;

    // Every transport ticks once per interval, but in one of this many slots, one slot per socket tick: ticking
    // hundreds at once (consent, RTCP reports with their SRTCP protection) held every datagram that arrived meanwhile
    // for ~0.5 ms, up to 1.5 ms, ten times a second at 200 participants.
    private const int TransportTickSlots = 5;

    private readonly MediaWorkerOptions _options;
    private readonly UdpMediaSocket _socket;
    private readonly IceUfragDemux _demux;
    private readonly Dictionary<IceSession, WebRtcTransport> _transportsBySession = [];
    private readonly Dictionary<string, WebRtcTransport> _transportsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Router> _routers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly byte[] _scratch = GC.AllocateUninitializedArray<byte>(ScratchSize, pinned: true);
    private readonly byte[] _stunResponse = new byte[StunResponseSize];
    private readonly TimeProvider _time;
    private long _nextTransportTickMs;
    private int _tickSlot; // the slot the next tick serves; 0 starts an interval
    private int _nextTransportSlot; // the slot the next transport created joins
    private int _workerThreadId;

    public MediaWorker(MediaWorkerOptions options, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _demux = new IceUfragDemux(options.MaxTransports);
        Certificate = DtlsCertificate.Generate();
        _socket = new UdpMediaSocket(new IPEndPoint(options.BindAddress, options.Port), this);
        _socket.MeasureHoldTimes(); // the SFU's added latency, where the kernel can timestamp (Linux)
        if (options.AnnouncedPort is < 0 or > IPEndPoint.MaxPort)
        {
            _socket.Dispose();
            throw new ArgumentOutOfRangeException(nameof(options), options.AnnouncedPort, "The announced port is 0 (the bound one) to 65535.");
        }
        try
        {
            _socket.RealtimePriority = options.RealtimePriority; // the socket checks the range
        }
        catch (ArgumentOutOfRangeException)
        {
            _socket.Dispose();
            throw;
        }
        int announcedPort = options.AnnouncedPort == 0 ? _socket.LocalEndPoint.Port : options.AnnouncedPort;
        LocalCandidates = options.AnnouncedAddresses.Select(a => new IPEndPoint(a, announcedPort)).ToArray();
    }

    /// <summary>The certificate every transport of this worker presents in DTLS.</summary>
    public DtlsCertificate Certificate { get; }

    /// <summary>Host candidates to announce: the announced addresses with the announced port (by default the bound one).</summary>
    public IReadOnlyList<IPEndPoint> LocalCandidates { get; }

    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    public MediaCounters Counters { get; } = new();

    /// <summary>
    /// The SFU's added latency per forwarded datagram: from the kernel's receive timestamp of the packet to the send
    /// of its copies (µs; queueing in the socket, routing, SRTP and the batched send). Null where not measured.
    /// </summary>
    public Confab.Rtc.Metrics.LatencyHistogram? HoldTimes => _socket.HoldTimes;

    public int TransportCount => _transportsById.Count;

    internal UdpMediaSocket Socket => _socket;

    internal byte[] Scratch => _scratch;

    internal int MaxSrtpStreams => _options.MaxSrtpStreamsPerTransport;

    internal PacketCapture? Capture => _options.Capture;

    public long NowMs => _time.GetTimestamp() * 1000 / _time.TimestampFrequency;

    internal bool IsOnWorkerThread => Environment.CurrentManagedThreadId == _workerThreadId;

    public void Start() => _socket.Start();

    /// <summary>
    /// Completes once the packet thread has started: null when it runs at the asked <see cref="MediaWorkerOptions.RealtimePriority"/>
    /// (or none was asked), else why it does not.
    /// </summary>
    public Task<string?> RealtimeRefusal => _socket.RealtimeRefusal;

    /// <summary>
    /// Worker thread: resumes <paramref name="consumer"/>, which may send at once (a video consumer starts from the
    /// newest key frame it finds in its producer's buffer) through the worker's send buffer.
    /// </summary>
    public void ResumeConsumer(Consumer consumer)
    {
        EnsureWorkerThread();
        consumer.Resume(NowMs, _scratch);
    }

    /// <summary>Runs <paramref name="action"/> on the worker thread and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> action)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                completion.SetResult(action());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    public Task InvokeAsync(Action action) => InvokeAsync(() =>
    {
        action();
        return true;
    });

    /// <summary>Queues work for the worker thread (fire and forget).</summary>
    public void Post(Action action)
    {
        _commands.Enqueue(action);
        _socket.Wake();
    }

    /// <summary>The router of a room, created on first use. Worker thread only.</summary>
    public Router GetOrCreateRouter(string id)
    {
        EnsureWorkerThread();
        if (!_routers.TryGetValue(id, out var router))
        {
            router = new Router(id);
            _routers.Add(id, router);
        }
        return router;
    }

    /// <summary>Forgets a router that has no producers left. Worker thread only.</summary>
    public void RemoveRouterIfEmpty(string id)
    {
        EnsureWorkerThread();
        if (_routers.TryGetValue(id, out var router) && router.Producers.Count == 0 && router.Consumers.Count == 0)
        {
            _routers.Remove(id);
        }
    }

    /// <summary>A new transport with fresh ICE credentials. Worker thread only.</summary>
    public WebRtcTransport CreateTransport(string id)
    {
        EnsureWorkerThread();
        if (_transportsById.ContainsKey(id))
        {
            throw new InvalidOperationException($"Transport '{id}' already exists.");
        }
        var session = new IceSession(IceCredentials.Generate(), _time);
        if (!_demux.TryAdd(session))
        {
            throw new InvalidOperationException("The media worker serves as many transports as it may.");
        }
        var transport = new WebRtcTransport(this, id, session) { TickSlot = _nextTransportSlot };
        _nextTransportSlot = (_nextTransportSlot + 1) % TransportTickSlots;
        _transportsBySession.Add(session, transport);
        _transportsById.Add(id, transport);
        return transport;
    }

    // RFC 8445 §9: an ICE restart gives the transport new local credentials (a new ufrag in the demultiplexer;
    // addresses already bound keep reaching it). Worker thread only.
    internal IceCredentials RestartIce(WebRtcTransport transport)
    {
        EnsureWorkerThread();
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var credentials = IceCredentials.Generate();
            if (_demux.Restart(transport.Ice, credentials))
            {
                return credentials;
            }
        }
        throw new InvalidOperationException($"Transport '{transport.Id}' could not take new ICE credentials.");
    }

    internal void Forget(WebRtcTransport transport)
    {
        _demux.Remove(transport.Ice);
        _transportsBySession.Remove(transport.Ice);
        _transportsById.Remove(transport.Id);
    }

    void IDatagramHandler.OnDatagram(Span<byte> datagram, SocketAddress source)
    {
        Counters.DatagramsReceivedField++;
        PacketKind kind = PacketClassifier.Classify(datagram);
        if (kind == PacketKind.Stun)
        {
            _options.Capture?.Write("stun", datagram);
            OnStun(datagram, source);
            return;
        }
        if (kind == PacketKind.Unknown)
        {
            Counters.DroppedMalformedField++;
            return;
        }
        if (!TransportAddress.TryFromSocketAddress(source, out var from)
            || !_demux.TryGetByAddress(from, out var session) || session is null
            || !_transportsBySession.TryGetValue(session, out var transport))
        {
            Counters.DroppedUnknownSourceField++;
            return;
        }
        switch (kind)
        {
            case PacketKind.Dtls:
                _options.Capture?.Write("dtls", datagram);
                // The handshake's replies go where the browser runs it (before a nomination it may differ from the
                // first pair that checked).
                transport.Ice.FollowData(from, source);
                transport.OnDtls(datagram);
                break;
            case PacketKind.Rtp:
                transport.OnRtp(datagram, NowMs, _scratch);
                break;
            case PacketKind.Rtcp:
                transport.OnRtcp(datagram, NowMs, _scratch);
                break;
        }
    }

    void IDatagramHandler.OnTick()
    {
        _workerThreadId = Environment.CurrentManagedThreadId;
        while (_commands.TryDequeue(out var command))
        {
            command();
        }
        long now = NowMs;
        if (_tickSlot == 0)
        {
            if (now < _nextTransportTickMs)
            {
                return;
            }
            _nextTransportTickMs = now + TransportTickIntervalMs;
        }
        int slot = _tickSlot;
        _tickSlot = (_tickSlot + 1) % TransportTickSlots;
        foreach (var transport in _transportsById.Values)
        {
            if (transport.TickSlot == slot)
            {
                transport.OnTick(now, _scratch);
            }
        }
        Counters.HandlerFaultsField = _socket.HandlerFaults;
        Counters.SendsDroppedField = _socket.SendsDropped;
        Counters.SegmentedDatagramsField = _socket.SegmentedDatagrams;
        Counters.CoalescedDatagramsField = _socket.CoalescedDatagrams;
    }

    private void OnStun(Span<byte> datagram, SocketAddress source)
    {
        var result = _demux.HandleBindingRequest(datagram, source, _stunResponse, out var session);
        if (result.ResponseLength > 0)
        {
            _socket.Send(_stunResponse.AsSpan(0, result.ResponseLength), source);
            Counters.StunAnsweredField++;
        }
        else
        {
            Counters.StunDroppedField++;
        }
        if (session is not null && result.Authenticated && _transportsBySession.TryGetValue(session, out var transport))
        {
            transport.OnConnectivityCheck(result.SelectedAddressChanged);
        }
    }

    private void EnsureWorkerThread()
    {
        if (_workerThreadId != 0 && !IsOnWorkerThread)
        {
            throw new InvalidOperationException("Media worker state is touched only on the worker thread: use InvokeAsync.");
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        foreach (var transport in _transportsById.Values.ToArray())
        {
            transport.Close();
        }
    }
}
