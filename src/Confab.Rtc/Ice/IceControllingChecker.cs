using System.Buffers.Binary;
using System.Security.Cryptography;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Ice;

/// <summary>What a response to one of our checks turned out to be.</summary>
public enum IceCheckStatus : byte
{
    /// <summary>An authenticated success response; the mapped address is set.</summary>
    Success,

    /// <summary>An error response (code in the out parameter); authenticated or not, see <see cref="IceControllingChecker.ReadResponse"/>.</summary>
    ErrorResponse,

    /// <summary>An authenticated 487: the peer also wants to control (RFC 8445 §7.2.5.1).</summary>
    RoleConflict,

    /// <summary>Not a well-formed STUN message.</summary>
    Malformed,

    /// <summary>A request or indication, not a response.</summary>
    NotAResponse,

    /// <summary>The transaction id is not the one we sent.</summary>
    TransactionMismatch,

    /// <summary>FINGERPRINT missing or wrong.</summary>
    BadFingerprint,

    /// <summary>MESSAGE-INTEGRITY missing or not made with the remote password.</summary>
    BadIntegrity,

    /// <summary>A success response without a usable XOR-MAPPED-ADDRESS.</summary>
    MissingMappedAddress,
}

/// <summary>
/// The controlling side of connectivity checks, for the C# client against our lite server
/// (RFC 8445 §7.2): builds Binding requests with USERNAME "remoteUfrag:localUfrag", PRIORITY,
/// ICE-CONTROLLING with our tie-breaker, optional USE-CANDIDATE, MESSAGE-INTEGRITY keyed with
/// the remote password and FINGERPRINT; and checks the responses. Retransmission timing and
/// candidate pairing live with the caller.
/// </summary>
public sealed class IceControllingChecker
{
    private readonly byte[] _username;

    public IceControllingChecker(IceCredentials local, IceCredentials remote, ulong tieBreaker)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        Local = local;
        Remote = remote;
        TieBreaker = tieBreaker;
        _username = IceUsername.Build(remote.UfragBytes, local.UfragBytes);
    }

    public IceCredentials Local { get; }

    public IceCredentials Remote { get; }

    /// <summary>RFC 8445 §7.1.3: our 64-bit tie-breaker, the same for every check of the session.</summary>
    public ulong TieBreaker { get; }

    /// <summary>A random tie-breaker from a cryptographic generator.</summary>
    public static ulong NewTieBreaker()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    /// <summary>Bytes a request needs: header, USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, integrity, fingerprint.</summary>
    public int RequestSize(bool useCandidate)
        => StunConstants.HeaderSize
            + StunMessageWriter.AttributeSize(_username.Length)
            + StunMessageWriter.AttributeSize(sizeof(uint))
            + StunMessageWriter.AttributeSize(sizeof(ulong))
            + (useCandidate ? StunMessageWriter.AttributeSize(0) : 0)
            + StunIntegrity.AttributeSize
            + StunIntegrity.FingerprintAttributeSize;

    /// <summary>
    /// Writes a Binding request with a fresh transaction id; returns its length, or 0 when
    /// <paramref name="destination"/> is smaller than <see cref="RequestSize"/>.
    /// </summary>
    public int WriteBindingRequest(Span<byte> destination, uint priority, bool useCandidate, out StunTransactionId transactionId)
    {
        transactionId = StunTransactionId.NewRandom();
        if (destination.Length < RequestSize(useCandidate))
        {
            return 0;
        }

        Span<byte> id = stackalloc byte[StunConstants.TransactionIdSize];
        transactionId.WriteTo(id);
        var writer = new StunMessageWriter(destination, StunMessageType.BindingRequest, id);
        writer.TryAddAttribute(StunAttributeType.Username, _username);
        writer.TryAddUInt32(StunAttributeType.Priority, priority);
        writer.TryAddUInt64(StunAttributeType.IceControlling, TieBreaker);
        if (useCandidate)
        {
            writer.TryAddFlag(StunAttributeType.UseCandidate);
        }

        writer.TryAddMessageIntegrity(Remote.PasswordBytes);
        writer.TryAddFingerprint();
        return writer.Length;
    }

    /// <summary>
    /// Checks a response to the request with <paramref name="expected"/> transaction id.
    /// Success and 487 must carry MESSAGE-INTEGRITY made with the remote password (RFC 8445
    /// §7.2.5.2.2 / RFC 8489 §9.1.4). Other error responses are reported with their code even
    /// without integrity, since a server cannot authenticate a 400/401 to a request it could not verify;
    /// <paramref name="authenticated"/> tells which.
    /// </summary>
    public IceCheckStatus ReadResponse(
        ReadOnlySpan<byte> response, in StunTransactionId expected, out TransportAddress mappedAddress, out int errorCode, out bool authenticated)
    {
        mappedAddress = default;
        errorCode = 0;
        authenticated = false;
        if (!StunMessage.TryRead(response, out StunMessageView message))
        {
            return IceCheckStatus.Malformed;
        }

        if (message.Type.Method != StunMethod.Binding
            || message.Type.Class is not (StunClass.SuccessResponse or StunClass.ErrorResponse))
        {
            return IceCheckStatus.NotAResponse;
        }

        if (message.TransactionId != expected)
        {
            return IceCheckStatus.TransactionMismatch;
        }

        if (!message.VerifyFingerprint())
        {
            return IceCheckStatus.BadFingerprint;
        }

        authenticated = message.VerifyMessageIntegrity(Remote.PasswordBytes);
        if (message.Type.Class == StunClass.ErrorResponse)
        {
            if (!message.TryGetErrorCode(out errorCode, out _))
            {
                return IceCheckStatus.Malformed;
            }

            if (errorCode == StunErrorCode.RoleConflict)
            {
                return authenticated ? IceCheckStatus.RoleConflict : IceCheckStatus.BadIntegrity;
            }

            return IceCheckStatus.ErrorResponse;
        }

        if (!authenticated)
        {
            return IceCheckStatus.BadIntegrity;
        }

        return message.TryGetXorMappedAddress(out mappedAddress) ? IceCheckStatus.Success : IceCheckStatus.MissingMappedAddress;
    }
}
