using System.Net;
using System.Net.Sockets;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Ice;

/// <summary>
/// One peer's ICE state on the lite (server) side: its local credentials, the selected remote
/// address (the nominated one once USE-CANDIDATE arrives), and consent freshness (RFC 7675).
/// Decisions only: the socket loop feeds it datagrams and sends what it writes. Not thread-safe:
/// a peer's packets are handled by one worker.
/// </summary>
/// <remarks>
/// Selection: the first authenticated check selects its source address (so DTLS can start);
/// a check with USE-CANDIDATE nominates its source, taking over from any earlier address
/// (network change, or the browser's new pair after an ICE restart). After an ICE restart the first
/// check that succeeds with the new credentials selects its source too, nominated or not
/// (RFC 8445 §9: the restart forms new pairs; the checks now come from where the peer is).
/// Before any nomination, data from another address that passed a check recently moves the selection there
/// (<see cref="FollowData"/>): the browser runs DTLS over the pair it prefers, which need not be the one that checked first.
/// Consent (RFC 7675 §5.1): a lite agent sends no checks of its own; it learns consent from the
/// browser's authenticated checks on the selected address. Consent lapses when none has
/// arrived for <see cref="ConsentTimeout"/>.
/// </remarks>
public sealed class IceSession
{
    /// <summary>RFC 7675 §5.1: consent expires 30 seconds after the last authenticated check.</summary>
    public static readonly TimeSpan ConsentTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly long _consentTimeoutTicks;
    // The addresses of the latest authenticated checks and when they came (a browser checks from one address per
    // local candidate: a few), so that data from one of them can take over the selection with that check's consent.
    private const int RecentCheckCapacity = 4;
    private readonly TransportAddress[] _recentCheckAddresses = new TransportAddress[RecentCheckCapacity];
    private readonly long[] _recentCheckTimestamps = new long[RecentCheckCapacity];
    private int _recentCheckNext;
    private long _lastConsentTimestamp;
    private bool _hasConsentTimestamp;

    public IceSession(IceCredentials localCredentials, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(localCredentials);
        LocalCredentials = localCredentials;
        _time = timeProvider ?? TimeProvider.System;
        _consentTimeoutTicks = (long)(ConsentTimeout.TotalSeconds * _time.TimestampFrequency);
    }

    /// <summary>The credentials checks must use (those of the latest offer/answer).</summary>
    public IceCredentials LocalCredentials { get; private set; }

    /// <summary>The credentials before the last ICE restart, accepted until a check with the new ones succeeds.</summary>
    public IceCredentials? PreviousCredentials { get; private set; }

    /// <summary>The remote address media goes to; default when none is selected yet.</summary>
    public TransportAddress SelectedAddress { get; private set; }

    /// <summary>The selected address as the socket reported it (a copy), for sending.</summary>
    public SocketAddress? SelectedSocketAddress { get; private set; }

    /// <summary>Whether an address is selected.</summary>
    public bool HasSelectedAddress => SelectedAddress.Family != AddressFamily.Unspecified;

    /// <summary>Whether the selected address was nominated with USE-CANDIDATE.</summary>
    public bool IsNominated { get; private set; }

    /// <summary>Addresses the demultiplexer has bound to this session (oldest first).</summary>
    internal List<TransportAddress> BoundAddresses { get; } = [];

    /// <summary>RFC 7675: consent holds at <paramref name="nowTimestamp"/> (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public bool HasConsent(long nowTimestamp)
        => _hasConsentTimestamp && HasSelectedAddress && nowTimestamp - _lastConsentTimestamp < _consentTimeoutTicks;

    /// <summary>Consent now, by the session's clock.</summary>
    public bool HasConsent() => HasConsent(_time.GetTimestamp());

    /// <summary>
    /// ICE restart (RFC 8445 §9): new local credentials from a new offer/answer. Checks with the
    /// old ones keep being answered until the first success with the new ones, so media on the
    /// current address does not stop while the browser checks new pairs. A session registered in
    /// an <see cref="IceUfragDemux"/> restarts through <see cref="IceUfragDemux.Restart"/>, which
    /// also moves the ufrag key.
    /// </summary>
    public void Restart(IceCredentials newCredentials)
    {
        ArgumentNullException.ThrowIfNull(newCredentials);
        PreviousCredentials = LocalCredentials;
        LocalCredentials = newCredentials;
    }

    /// <summary>Answers one binding request from <paramref name="source"/> and updates selection and consent.</summary>
    public IceBindingResult HandleBindingRequest(ReadOnlySpan<byte> request, SocketAddress source, Span<byte> response)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!TransportAddress.TryFromSocketAddress(source, out TransportAddress from))
        {
            return IceBindingResult.Drop(IceDropReason.Malformed);
        }

        if (!StunMessage.TryRead(request, out StunMessageView message))
        {
            return IceBindingResult.Drop(IceDropReason.Malformed);
        }

        return HandleBindingRequest(message, from, source, response);
    }

    /// <summary>Whether a USERNAME's first part names this session (current or pre-restart ufrag).</summary>
    internal bool OwnsUfrag(ReadOnlySpan<byte> localUfrag)
        => LocalCredentials.UfragEquals(localUfrag) || (PreviousCredentials?.UfragEquals(localUfrag) ?? false);

    /// <summary>Answers an already read message from <paramref name="from"/> (the parsed form of <paramref name="source"/>).</summary>
    internal IceBindingResult HandleBindingRequest(scoped in StunMessageView message, in TransportAddress from, SocketAddress source, Span<byte> response)
    {
        IceCredentials credentials = ChooseCredentials(message);
        IceBindingResult result = IceLiteResponder.Respond(message, from, credentials, response);
        if (!result.Authenticated || result.Outcome != IceBindingOutcome.Success)
        {
            return result;
        }

        bool restartCompleted = false;
        if (PreviousCredentials is not null && ReferenceEquals(credentials, LocalCredentials))
        {
            PreviousCredentials = null;
            restartCompleted = true;
        }

        RememberCheck(from);
        bool changed = false;
        if (!HasSelectedAddress || ((result.UseCandidate || restartCompleted) && from != SelectedAddress))
        {
            Select(from, source);
            changed = true;
        }

        if (result.UseCandidate)
        {
            IsNominated = true;
        }

        if (from == SelectedAddress)
        {
            _lastConsentTimestamp = _time.GetTimestamp();
            _hasConsentTimestamp = true;
        }

        return result with { SelectedAddressChanged = changed };
    }

    /// <summary>
    /// RFC 8445 §12.1: before selected pairs exist, an agent MAY send data on any valid pair. A browser on a host with
    /// two interfaces checks from both and runs DTLS over the pair it prefers, which need not be the pair that checked
    /// first: answering the handshake on the other one costs the browser a retransmission timeout (tens to hundreds of
    /// ms). So until a nomination, data from an address whose authenticated check arrived within the consent timeout
    /// moves the selection there, with that check's consent. After a nomination only USE-CANDIDATE (or an ICE restart)
    /// moves it. True when the selection moved.
    /// </summary>
    public bool FollowData(in TransportAddress from, SocketAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (IsNominated || !HasSelectedAddress || from == SelectedAddress)
        {
            return false;
        }
        long now = _time.GetTimestamp();
        for (int i = 0; i < RecentCheckCapacity; i++)
        {
            if (_recentCheckAddresses[i] == from && now - _recentCheckTimestamps[i] < _consentTimeoutTicks)
            {
                Select(from, source);
                _lastConsentTimestamp = _recentCheckTimestamps[i];
                _hasConsentTimestamp = true;
                return true;
            }
        }
        return false;
    }

    private void RememberCheck(in TransportAddress from)
    {
        long now = _time.GetTimestamp();
        for (int i = 0; i < RecentCheckCapacity; i++)
        {
            if (_recentCheckAddresses[i] == from)
            {
                _recentCheckTimestamps[i] = now;
                return;
            }
        }
        _recentCheckAddresses[_recentCheckNext] = from;
        _recentCheckTimestamps[_recentCheckNext] = now;
        _recentCheckNext = (_recentCheckNext + 1) % RecentCheckCapacity;
    }

    /// <summary>Convenience for callers holding an endpoint (allocates; not for the packet path).</summary>
    public IceBindingResult HandleBindingRequest(ReadOnlySpan<byte> request, IPEndPoint source, Span<byte> response)
    {
        ArgumentNullException.ThrowIfNull(source);
        return HandleBindingRequest(request, source.Serialize(), response);
    }

    private IceCredentials ChooseCredentials(scoped in StunMessageView message)
    {
        if (PreviousCredentials is not null
            && message.TryGetUsername(out ReadOnlySpan<byte> username)
            && IceUsername.TrySplit(username, out ReadOnlySpan<byte> localUfrag, out _)
            && !LocalCredentials.UfragEquals(localUfrag)
            && PreviousCredentials.UfragEquals(localUfrag))
        {
            return PreviousCredentials;
        }

        return LocalCredentials;
    }

    private void Select(in TransportAddress address, SocketAddress source)
    {
        SelectedAddress = address;
        IsNominated = false;
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
        SelectedSocketAddress = copy;

        // Consent is per address: a new selection starts from this check, never from the old one.
        _hasConsentTimestamp = false;
    }
}
