using System.Net;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Ice;

/// <summary>
/// Finds the session a datagram on the shared UDP port belongs to: by remote address for every
/// packet once known, and by the local ufrag in the USERNAME of a binding request for the first
/// packets from a new address (like a single-port SFU must). Lookups do not allocate.
/// Not thread-safe: one instance per socket worker.
/// </summary>
/// <remarks>
/// Bounded by construction: at most <see cref="MaxSessions"/> sessions, and an address is bound
/// only after a check authenticated with that session's password, at most
/// <see cref="MaxAddressesPerSession"/> per session (the oldest unselected one is evicted).
/// Unauthenticated or unknown traffic never creates an entry.
/// </remarks>
public sealed class IceUfragDemux
{
    /// <summary>Default cap on candidate addresses one session may hold.</summary>
    public const int DefaultMaxAddressesPerSession = 8;

    /// <summary>Default cap on sessions (pending and connected).</summary>
    public const int DefaultMaxSessions = 10_000;

    private const int MaxUfragChars = IceCredentials.MaxLength;

    private readonly Dictionary<string, IceSession> _byUfrag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IceSession>.AlternateLookup<ReadOnlySpan<char>> _byUfragSpan;
    private readonly Dictionary<TransportAddress, IceSession> _byAddress = [];
    private readonly HashSet<IceSession> _sessions = [];

    public IceUfragDemux(int maxSessions = DefaultMaxSessions, int maxAddressesPerSession = DefaultMaxAddressesPerSession)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAddressesPerSession, 1);
        MaxSessions = maxSessions;
        MaxAddressesPerSession = maxAddressesPerSession;
        _byUfragSpan = _byUfrag.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int MaxSessions { get; }

    public int MaxAddressesPerSession { get; }

    public int SessionCount => _sessions.Count;

    public int AddressCount => _byAddress.Count;

    /// <summary>Registers a session under its local ufrag; false when full or the ufrag is taken.</summary>
    public bool TryAdd(IceSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_sessions.Count >= MaxSessions || _sessions.Contains(session) || _byUfrag.ContainsKey(session.LocalCredentials.Ufrag))
        {
            return false;
        }

        _sessions.Add(session);
        _byUfrag.Add(session.LocalCredentials.Ufrag, session);
        return true;
    }

    /// <summary>Forgets a session, its ufrags and its addresses.</summary>
    public void Remove(IceSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_sessions.Remove(session))
        {
            return;
        }

        RemoveUfragIfOwned(session.LocalCredentials.Ufrag, session);
        if (session.PreviousCredentials is not null)
        {
            RemoveUfragIfOwned(session.PreviousCredentials.Ufrag, session);
        }

        foreach (TransportAddress address in session.BoundAddresses)
        {
            _byAddress.Remove(address);
        }

        session.BoundAddresses.Clear();
    }

    /// <summary>
    /// ICE restart: the session takes <paramref name="newCredentials"/>; new addresses find it by
    /// the new ufrag, addresses already bound keep reaching it. False when the new ufrag is taken.
    /// </summary>
    public bool Restart(IceSession session, IceCredentials newCredentials)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(newCredentials);
        if (!_sessions.Contains(session) || _byUfrag.ContainsKey(newCredentials.Ufrag))
        {
            return false;
        }

        RemoveUfragIfOwned(session.LocalCredentials.Ufrag, session);
        session.Restart(newCredentials);
        _byUfrag.Add(newCredentials.Ufrag, session);
        return true;
    }

    /// <summary>The session bound to a remote address.</summary>
    public bool TryGetByAddress(in TransportAddress source, out IceSession? session) => _byAddress.TryGetValue(source, out session);

    /// <summary>The session whose local ufrag is <paramref name="ufrag"/> (ASCII bytes from a USERNAME).</summary>
    public bool TryGetByUfrag(ReadOnlySpan<byte> ufrag, out IceSession? session)
    {
        session = null;
        if (ufrag.IsEmpty || ufrag.Length > MaxUfragChars)
        {
            return false;
        }

        Span<char> chars = stackalloc char[ufrag.Length];
        for (int i = 0; i < ufrag.Length; i++)
        {
            if (ufrag[i] > 0x7F)
            {
                return false;
            }

            chars[i] = (char)ufrag[i];
        }

        return _byUfragSpan.TryGetValue(chars, out session);
    }

    /// <summary>
    /// Finds the session for a datagram: by source address first; otherwise, for a STUN message
    /// with a USERNAME, by the ufrag before the colon.
    /// </summary>
    public bool TryResolve(ReadOnlySpan<byte> datagram, in TransportAddress source, out IceSession? session)
    {
        if (_byAddress.TryGetValue(source, out session))
        {
            return true;
        }

        session = null;
        return StunMessage.IsStun(datagram)
            && StunMessage.TryRead(datagram, out StunMessageView message)
            && message.TryGetUsername(out ReadOnlySpan<byte> username)
            && IceUsername.TrySplit(username, out ReadOnlySpan<byte> localUfrag, out _)
            && TryGetByUfrag(localUfrag, out session);
    }

    /// <summary>
    /// Resolves, answers and binds in one step for a binding request arriving on the shared port.
    /// The USERNAME decides when it disagrees with the address binding (a NAT reused the address
    /// for another peer); the source is bound to the session only when the check authenticated.
    /// </summary>
    public IceBindingResult HandleBindingRequest(ReadOnlySpan<byte> datagram, SocketAddress source, Span<byte> response, out IceSession? session)
    {
        ArgumentNullException.ThrowIfNull(source);
        session = null;
        if (!TransportAddress.TryFromSocketAddress(source, out TransportAddress from) || !StunMessage.TryRead(datagram, out StunMessageView message))
        {
            return IceBindingResult.Drop(IceDropReason.Malformed);
        }

        _byAddress.TryGetValue(from, out session);
        if (message.TryGetUsername(out ReadOnlySpan<byte> username)
            && IceUsername.TrySplit(username, out ReadOnlySpan<byte> localUfrag, out _)
            && (session is null || !session.OwnsUfrag(localUfrag))
            && TryGetByUfrag(localUfrag, out IceSession? byUfrag))
        {
            session = byUfrag;
        }

        if (session is null)
        {
            return IceBindingResult.Drop(IceDropReason.UnknownSession);
        }

        IceBindingResult result = session.HandleBindingRequest(message, from, source, response);
        if (result.Authenticated)
        {
            Bind(session, from);
        }

        return result;
    }

    /// <summary>Binds a remote address to a session after an authenticated check (evicting the oldest unselected one past the cap).</summary>
    public void Bind(IceSession session, in TransportAddress address)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_sessions.Contains(session))
        {
            return;
        }

        if (_byAddress.TryGetValue(address, out IceSession? owner))
        {
            if (ReferenceEquals(owner, session))
            {
                return;
            }

            // The address moved to another peer (a NAT binding reused): the latest authenticated check wins.
            owner.BoundAddresses.Remove(address);
        }

        List<TransportAddress> bound = session.BoundAddresses;
        if (bound.Count >= MaxAddressesPerSession)
        {
            TransportAddress evicted = OldestUnselected(bound, session.SelectedAddress);
            bound.Remove(evicted);
            _byAddress.Remove(evicted);
        }

        bound.Add(address);
        _byAddress[address] = session;
    }

    // A loop rather than a lambda: a captured parameter would allocate on every Bind call.
    private static TransportAddress OldestUnselected(List<TransportAddress> bound, TransportAddress selected)
    {
        foreach (TransportAddress address in bound)
        {
            if (address != selected)
            {
                return address;
            }
        }

        return bound[0];
    }

    private void RemoveUfragIfOwned(string ufrag, IceSession session)
    {
        if (_byUfrag.TryGetValue(ufrag, out IceSession? owner) && ReferenceEquals(owner, session))
        {
            _byUfrag.Remove(ufrag);
        }
    }
}
