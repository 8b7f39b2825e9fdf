namespace Confab.Rtc.Ice;

/// <summary>What the lite agent does with a received datagram that looked like a binding request.</summary>
public enum IceBindingOutcome : byte
{
    /// <summary>Nothing is sent; see <see cref="IceDropReason"/>.</summary>
    Dropped,

    /// <summary>A success response was written.</summary>
    Success,

    /// <summary>An error response was written (<see cref="IceBindingResult.ErrorCode"/>).</summary>
    ErrorResponse,
}

/// <summary>Why a datagram got no answer.</summary>
public enum IceDropReason : byte
{
    None,

    /// <summary>Not a well-formed STUN message.</summary>
    Malformed,

    /// <summary>A STUN message other than a Binding request or indication.</summary>
    NotBindingRequest,

    /// <summary>A Binding indication (a keepalive): nothing to answer.</summary>
    Indication,

    /// <summary>FINGERPRINT missing or wrong (RFC 8445 §7.2.2 requires it on checks).</summary>
    BadFingerprint,

    /// <summary>An unauthenticated error answer would be larger than the request: dropped against amplification.</summary>
    WouldAmplify,

    /// <summary>No session has this source address or the ufrag in USERNAME.</summary>
    UnknownSession,

    /// <summary>The caller's response buffer is too small.</summary>
    ResponseBufferTooSmall,
}

/// <summary>
/// The decision for one binding request: what was written (if anything), whether the request
/// was authenticated with the local password, and what it asked for.
/// </summary>
/// <param name="Outcome">Dropped, success or error response.</param>
/// <param name="DropReason">Why nothing was sent, when dropped.</param>
/// <param name="ErrorCode">The STUN error code of an error response (400, 401, 420, 487), else 0.</param>
/// <param name="ResponseLength">Bytes written into the response buffer.</param>
/// <param name="Authenticated">MESSAGE-INTEGRITY checked with the local password.</param>
/// <param name="UseCandidate">The authenticated request carried USE-CANDIDATE (a nomination).</param>
/// <param name="Priority">The PRIORITY the peer sent (0 when absent).</param>
/// <param name="SelectedAddressChanged">Set by <see cref="IceSession"/>: this request moved the selected address.</param>
public readonly record struct IceBindingResult(
    IceBindingOutcome Outcome,
    IceDropReason DropReason,
    int ErrorCode,
    int ResponseLength,
    bool Authenticated,
    bool UseCandidate,
    uint Priority,
    bool SelectedAddressChanged = false)
{
    internal static IceBindingResult Drop(IceDropReason reason) => new(IceBindingOutcome.Dropped, reason, 0, 0, false, false, 0);
}
