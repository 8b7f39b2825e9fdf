using System.Buffers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Confab.Rtc.Dtls;

/// <summary>
/// One DTLS-SRTP association with one peer (RFC 6347, RFC 5764, RFC 8842), in either role.
/// <para>
/// The owner's UDP receive loop hands every DTLS datagram (first byte 20..63, RFC 7983) to <see cref="OnDatagram"/>,
/// which only copies it into a bounded queue and never blocks. <see cref="HandshakeAsync(DtlsRole, string, CancellationToken)"/>
/// runs the handshake on its own thread, with the DTLS engine's retransmission timers, and completes with the SRTP
/// keys. Afterwards, received datagrams are decrypted on the thread pool and surface as
/// <see cref="ApplicationDataReceived"/>; <see cref="Send"/> encrypts application data (for SCTP data channels).
/// </para>
/// </summary>
public sealed class DtlsEndpoint : IDisposable
{
    // Upper bound on one engine read after the handshake, when a datagram carried no application data.
    private const int PumpWaitMillis = 1;

    private readonly DtlsCertificate _localCertificate;
    private readonly DtlsEndpointOptions _options;
    private readonly QueuedDatagramTransport _transport;
    private readonly object _lock = new();
    private DtlsTransport? _dtls;
    private DtlsFailureReason? _abortReason;
    private int _state = (int)DtlsEndpointState.New;
    private int _pumping;
    private int _minProtectedRecordBytes = DtlsRecordFilter.ChaCha20Poly1305MinProtectedBytes;

    /// <summary>Creates an endpoint that sends through <paramref name="sender"/>.</summary>
    public DtlsEndpoint(DtlsCertificate localCertificate, IDatagramSender sender, DtlsEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(localCertificate);
        ArgumentNullException.ThrowIfNull(sender);
        _localCertificate = localCertificate;
        _options = options ?? new DtlsEndpointOptions();
        _options.Validate();
        _transport = new QueuedDatagramTransport(sender, _options.MtuBytes, _options.MaxQueuedDatagrams,
            _options.MaxQueuedBytes);
        _transport.Closed += OnTransportClosed;
    }

    /// <summary>
    /// Decrypted application data from the peer, raised on a thread-pool thread, one record at a time and never
    /// concurrently. A throwing subscriber loses that record only.
    /// </summary>
    public event DtlsApplicationDataHandler? ApplicationDataReceived;

    /// <summary>Raised once when the association ends after the handshake (close_notify either way, or failure).</summary>
    public event Action? Closed;

    /// <summary>Current lifecycle state.</summary>
    public DtlsEndpointState State => (DtlsEndpointState)Volatile.Read(ref _state);

    /// <summary>Datagrams dropped because the queue was full, the datagram was oversized, or the endpoint closed.</summary>
    public long DroppedDatagrams => _transport.DroppedDatagrams;

    /// <summary>Datagrams the sender failed to send (counted as loss; the handshake retransmits).</summary>
    public long SendFailures => _transport.SendFailures;

    /// <summary>Datagrams received and not yet processed by the DTLS engine.</summary>
    public int QueuedDatagrams => _transport.QueuedDatagrams;

    /// <summary>Our certificate's fingerprint, for the a=fingerprint line.</summary>
    public DtlsFingerprint LocalFingerprint => _localCertificate.Fingerprint;

    /// <summary>
    /// Accepts one received DTLS datagram. Copies it and returns at once; never throws on bad input.
    /// Safe to call from the UDP receive loop before, during and after the handshake.
    /// </summary>
    public void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        if (!DtlsRecordFilter.HasNoUndersizedProtectedRecord(datagram, Volatile.Read(ref _minProtectedRecordBytes)))
        {
            _transport.CountDrop();
            return;
        }

        if (!_transport.TryEnqueue(datagram))
        {
            return;
        }

        if (State == DtlsEndpointState.Connected)
        {
            SchedulePump();
        }
    }

    /// <summary>Runs the handshake; <paramref name="expectedPeerFingerprint"/> is the peer's SDP value, "sha-256 AB:..".</summary>
    /// <exception cref="ArgumentException">The fingerprint is malformed or uses an unsupported hash function.</exception>
    /// <exception cref="DtlsHandshakeException">The handshake failed; <see cref="DtlsHandshakeException.Reason"/> says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public Task<DtlsResult> HandshakeAsync(DtlsRole role, string expectedPeerFingerprint,
        CancellationToken cancellationToken = default)
    {
        if (!DtlsFingerprint.TryParse(expectedPeerFingerprint, out var fingerprint))
        {
            throw new ArgumentException(
                $"'{expectedPeerFingerprint}' is not a supported SDP fingerprint (sha-1/256/384/512, e.g. \"sha-256 AB:CD:...\").",
                nameof(expectedPeerFingerprint));
        }

        return HandshakeAsync(role, fingerprint!, cancellationToken);
    }

    /// <summary>Runs the handshake against a peer whose certificate must match <paramref name="expectedPeerFingerprint"/>.</summary>
    public async Task<DtlsResult> HandshakeAsync(DtlsRole role, DtlsFingerprint expectedPeerFingerprint,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedPeerFingerprint);
        if (Interlocked.CompareExchange(ref _state, (int)DtlsEndpointState.Handshaking, (int)DtlsEndpointState.New)
            != (int)DtlsEndpointState.New)
        {
            throw new InvalidOperationException($"A handshake can start only once, on a new endpoint (state: {State}).");
        }

        var state = new DtlsHandshakeState(new BcTlsCrypto(new SecureRandom()), _localCertificate,
            expectedPeerFingerprint, _options)
        {
            CipherSuiteSelected = suite =>
                Volatile.Write(ref _minProtectedRecordBytes, DtlsRecordFilter.MinProtectedRecordBytes(suite)),
        };

        using var timeout = new CancellationTokenSource(_options.HandshakeTimeout);
        using var onTimeout = timeout.Token.Register(() => Abort(DtlsFailureReason.Timeout));
        using var onCancel = cancellationToken.Register(() => Abort(DtlsFailureReason.Closed));

        var handshake = Task.Factory.StartNew(() => RunHandshake(role, state), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await handshake.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Volatile.Write(ref _state, (int)DtlsEndpointState.Failed);
            _transport.Close();
            cancellationToken.ThrowIfCancellationRequested();
            throw DtlsFailureTranslator.Translate(error, state, AbortReason, _options.HandshakeTimeout);
        }
    }

    /// <summary>Largest application-data record <see cref="Send"/> accepts, in bytes.</summary>
    public int MaxApplicationDataBytes => _dtls?.GetSendLimit() ?? 0;

    /// <summary>Encrypts and sends one application-data record (e.g. one SCTP packet).</summary>
    /// <exception cref="InvalidOperationException">Not connected.</exception>
    /// <exception cref="ArgumentException">Larger than <see cref="MaxApplicationDataBytes"/>.</exception>
    public void Send(ReadOnlySpan<byte> data)
    {
        var dtls = State == DtlsEndpointState.Connected ? _dtls : null;
        if (dtls is null)
        {
            throw new InvalidOperationException($"DTLS application data needs a connected endpoint (state: {State}).");
        }

        var limit = dtls.GetSendLimit();
        if (data.Length > limit)
        {
            throw new ArgumentException($"{data.Length} bytes exceed the DTLS record limit of {limit} bytes.", nameof(data));
        }

        try
        {
            dtls.Send(data);
        }
        catch (Exception error) when (error is not ArgumentException)
        {
            MarkEnded(DtlsEndpointState.Failed);
            throw new InvalidOperationException("The DTLS association failed while sending.", error);
        }
    }

    /// <summary>Sends close_notify (RFC 5246 §7.2.1) if connected, and stops. Idempotent.</summary>
    public void Close()
    {
        DtlsTransport? dtls;
        lock (_lock)
        {
            _abortReason ??= DtlsFailureReason.Closed;
            dtls = _dtls;
        }

        if (dtls is not null)
        {
            try
            {
                dtls.Close();
            }
            catch (Exception)
            {
                // Closing is best effort: the peer may already be gone.
            }
        }

        _transport.Close();
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private DtlsFailureReason? AbortReason
    {
        get
        {
            lock (_lock)
            {
                return _abortReason;
            }
        }
    }

    private void Abort(DtlsFailureReason reason)
    {
        lock (_lock)
        {
            if (_dtls is not null)
            {
                return; // Too late: the handshake completed.
            }

            _abortReason ??= reason;
        }

        _transport.Close();
    }

    private DtlsResult RunHandshake(DtlsRole role, DtlsHandshakeState state)
    {
        var dtls = role == DtlsRole.Server
            ? new DtlsServerProtocol().Accept(new DtlsSrtpServer(state), _transport)
            : new DtlsClientProtocol().Connect(new DtlsSrtpClient(state), _transport);

        var result = BuildResult(role, state);
        lock (_lock)
        {
            if (_abortReason is not null)
            {
                dtls.Close();
                throw new OperationCanceledException("Aborted as the handshake completed.");
            }

            _dtls = dtls;
            Volatile.Write(ref _state, (int)DtlsEndpointState.Connected);
        }

        // Records that arrived right behind the handshake (e.g. the peer's first application data).
        SchedulePump();
        return result;
    }

    private static DtlsResult BuildResult(DtlsRole role, DtlsHandshakeState state)
    {
        if (state.PeerCertificate is not { } peerCertificate)
        {
            throw state.Fail(DtlsFailureReason.NoPeerCertificate, "The peer presented no certificate.",
                AlertDescription.handshake_failure);
        }

        if (state.SrtpProfile is not { } profile || state.KeyingMaterial is not { } material
            || !DtlsSrtpKeys.TrySplit(profile, material, role, out var keys))
        {
            throw state.Fail(DtlsFailureReason.NoSrtpProfile, "No SRTP keys were negotiated.",
                AlertDescription.handshake_failure);
        }

        return new DtlsResult(role, keys!, peerCertificate, state.NegotiatedCipherSuite);
    }

    private void SchedulePump()
    {
        if (_transport.HasQueued && Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static endpoint => endpoint.Pump(), this, preferLocal: false);
        }
    }

    /// <summary>Feeds queued datagrams through the DTLS engine after the handshake, until the queue is empty.</summary>
    private void Pump()
    {
        var dtls = _dtls!;
        var buffer = ArrayPool<byte>.Shared.Rent(_options.MtuBytes);
        try
        {
            do
            {
                while (_transport.HasQueued && State == DtlsEndpointState.Connected)
                {
                    Deliver(buffer, dtls.Receive(buffer.AsSpan(0, _options.MtuBytes), PumpWaitMillis));
                    int pending;
                    while ((pending = dtls.ReceivePending(buffer.AsSpan(0, _options.MtuBytes))) >= 0)
                    {
                        Deliver(buffer, pending);
                    }
                }

                Volatile.Write(ref _pumping, 0);
            }
            while (_transport.HasQueued && State == DtlsEndpointState.Connected
                && Interlocked.CompareExchange(ref _pumping, 1, 0) == 0);
        }
        catch (Exception)
        {
            // A fatal alert from the peer or a closed transport ends the association.
            Volatile.Write(ref _pumping, 0);
            MarkEnded(_transport.IsClosed ? DtlsEndpointState.Closed : DtlsEndpointState.Failed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Deliver(byte[] buffer, int length)
    {
        if (length <= 0)
        {
            return;
        }

        try
        {
            ApplicationDataReceived?.Invoke(buffer.AsSpan(0, length));
        }
        catch (Exception)
        {
            // A failing subscriber must not tear down the association.
        }
    }

    private void OnTransportClosed()
    {
        if (State == DtlsEndpointState.Connected)
        {
            MarkEnded(DtlsEndpointState.Closed);
        }
    }

    private void MarkEnded(DtlsEndpointState endState)
    {
        if (Interlocked.CompareExchange(ref _state, (int)endState, (int)DtlsEndpointState.Connected)
            == (int)DtlsEndpointState.Connected)
        {
            _transport.Close();
            Closed?.Invoke();
        }
    }
}
