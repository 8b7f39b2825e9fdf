using Confab.Rtc.Ice;
using Confab.Rtc.Stun;

namespace Confab.Client.Transport;

/// <summary>
/// The controlling ICE side against an ICE-lite SFU (RFC 8445 §2.5): one candidate pair, aggressive
/// nomination (every check carries USE-CANDIDATE), retransmissions with a doubling interval until a success
/// response, then consent freshness (RFC 7675): a check every 4–6 s, consent lost after 30 s without answer.
/// Runs on the socket's receive thread only.
/// </summary>
public sealed partial class ClientPeerConnection
{
    /// <summary>RFC 8445 §5.1.2.1: type preference of a peer-reflexive candidate, which PRIORITY announces.</summary>
    private const uint PeerReflexiveTypePreference = 110;
    private const uint LocalPreference = 65535;
    private const uint ComponentRtp = 1;
    private const int PendingTransactions = 8;
    private const int CheckBufferSize = 256;

    private readonly StunTransactionId[] _pending = new StunTransactionId[PendingTransactions];
    private readonly byte[] _checkBuffer = new byte[CheckBufferSize];
    private IceControllingChecker? _checker;
    private int _pendingNext;
    private int _pendingCount;
    private long _iceStarted;
    private long _nextCheck;
    private long _checkIntervalTicks;
    private long _lastSuccess;
    private bool _iceSucceeded;
    private IceRestart? _pendingRestart;
    private TaskCompletionSource? _restartCompletion;

    /// <summary>RFC 8445 §5.1.2.1: priority = 2^24 · type preference + 2^8 · local preference + (256 − component).</summary>
    private static uint CheckPriority => (PeerReflexiveTypePreference << 24) | (LocalPreference << 8) | (256 - ComponentRtp);

    private void TickIce(long now)
    {
        if (_remote is not { } remote)
        {
            return;
        }
        if (_checker is null)
        {
            StartChecks(remote, now);
        }
        if (Interlocked.Exchange(ref _pendingRestart, null) is { } restart)
        {
            ApplyRestart(restart, now);
        }
        if (!_iceSucceeded || _restartCompletion is not null)
        {
            if (now - _iceStarted > Ticks(_options.IceTimeout))
            {
                Fail(_iceSucceeded ? "ICE restart: no connectivity check succeeded in time" : "ICE: no connectivity check succeeded in time");
                return;
            }
            if (now >= _nextCheck)
            {
                SendCheck(useCandidate: true);
                _nextCheck = now + _checkIntervalTicks;
                _checkIntervalTicks = Math.Min(_checkIntervalTicks * 2, Ticks(_options.MaxCheckInterval));
            }
            return;
        }
        if (now - _lastSuccess > Ticks(_options.ConsentTimeout))
        {
            SetState(ClientConnectionState.Disconnected);
        }
        if (now >= _nextCheck)
        {
            SendCheck(useCandidate: false);
            // RFC 7675 §5.1: a random interval in [0.8, 1.2] of the base one.
            double factor = 0.8 + (Random.Shared.NextDouble() * 0.4);
            _nextCheck = now + (long)(Ticks(_options.ConsentInterval) * factor);
        }
    }

    private void StartChecks(RemoteTransport remote, long now)
    {
        _checker = new IceControllingChecker(LocalIce, remote.Ice, IceControllingChecker.NewTieBreaker());
        _remoteAddress = remote.Candidate.Serialize();
        _iceStarted = now;
        _nextCheck = now;
        _checkIntervalTicks = Ticks(_options.InitialCheckInterval);
        SetState(ClientConnectionState.Checking);
    }

    private void SendCheck(bool useCandidate)
    {
        int length = _checker!.WriteBindingRequest(_checkBuffer, CheckPriority, useCandidate, out StunTransactionId id);
        if (length == 0 || _remoteAddress is null)
        {
            return;
        }
        _pending[_pendingNext] = id;
        _pendingNext = (_pendingNext + 1) % PendingTransactions;
        _pendingCount = Math.Min(_pendingCount + 1, PendingTransactions);
        _socket.Send(_checkBuffer.AsSpan(0, length), _remoteAddress);
        Counters.ChecksSent++;
    }

    private void OnStun(ReadOnlySpan<byte> datagram)
    {
        if (_checker is null)
        {
            return;
        }
        for (int i = 0; i < _pendingCount; i++)
        {
            IceCheckStatus status = _checker.ReadResponse(datagram, _pending[i], out _, out _, out _);
            if (status == IceCheckStatus.TransactionMismatch)
            {
                continue;
            }
            if (status == IceCheckStatus.Success)
            {
                OnCheckSucceeded();
            }
            return;
        }
    }

    private void OnCheckSucceeded()
    {
        Counters.CheckSuccesses++;
        _lastSuccess = _time.GetTimestamp();
        if (_restartCompletion is { } restarted)
        {
            _restartCompletion = null;
            Counters.IceRestarts++;
            restarted.TrySetResult();
        }
        if (!_iceSucceeded)
        {
            _iceSucceeded = true;
            _nextCheck = _lastSuccess + Ticks(_options.ConsentInterval);
            if (SetState(ClientConnectionState.Handshaking) == ClientConnectionState.Checking)
            {
                _ = RunHandshakeAsync(_remote!);
            }
        }
        else if (State == ClientConnectionState.Disconnected)
        {
            SetState(ClientConnectionState.Connected);
        }
    }

    /// <summary>
    /// ICE restart, first half (RFC 8445 §9, RFC 8839 §4.4.1.1.1): new local ufrag and password, for the offer that
    /// restarts ICE or for the answer to the other side's restart offer. Checks go on with the old ones until
    /// <see cref="RestartIceAsync"/>.
    /// </summary>
    public IceCredentials RestartLocalIce()
    {
        var fresh = IceCredentials.Generate();
        _localIce = fresh;
        return fresh;
    }

    /// <summary>
    /// ICE restart, second half: checks the other side's new credentials (and candidate) with our current local ones,
    /// nominating the pair again, and completes on the first success. The DTLS association and SRTP contexts stay,
    /// so the other side must keep its fingerprint. Media keeps going to the newest candidate meanwhile.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not connecting yet, the fingerprint changed, or the restart failed.</exception>
    public Task RestartIceAsync(RemoteTransport remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (_remote is not { } current)
        {
            throw new InvalidOperationException("Connect first: a restart needs an ICE session to restart.");
        }
        if (!string.Equals(current.Fingerprint, remote.Fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("An ICE restart keeps the DTLS association: the remote fingerprint must not change.");
        }
        if (State is ClientConnectionState.Closed or ClientConnectionState.Failed)
        {
            throw new InvalidOperationException("The connection is closed or failed.");
        }
        var restart = new IceRestart(remote with { LocalDtlsRole = current.LocalDtlsRole }, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Exchange(ref _pendingRestart, restart)?.Completion.TrySetException(new InvalidOperationException("A newer ICE restart replaced this one."));
        _remote = restart.Remote;
        _socket.Wake();
        return restart.Completion.Task.WaitAsync(cancellationToken);
    }

    // Receive thread: a new checker for the new credentials; checks with USE-CANDIDATE again until one succeeds.
    private void ApplyRestart(IceRestart restart, long now)
    {
        _restartCompletion?.TrySetException(new InvalidOperationException("A newer ICE restart replaced this one."));
        _restartCompletion = restart.Completion;
        _checker = new IceControllingChecker(LocalIce, restart.Remote.Ice, IceControllingChecker.NewTieBreaker());
        _remoteAddress = restart.Remote.Candidate.Serialize();
        _pendingCount = 0;
        _iceStarted = now;
        _nextCheck = now;
        _checkIntervalTicks = Ticks(_options.InitialCheckInterval);
    }

    private void FailRestart(string reason)
    {
        Interlocked.Exchange(ref _pendingRestart, null)?.Completion.TrySetException(new InvalidOperationException(reason));
        _restartCompletion?.TrySetException(new InvalidOperationException(reason));
    }

    private sealed record IceRestart(RemoteTransport Remote, TaskCompletionSource Completion);

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
