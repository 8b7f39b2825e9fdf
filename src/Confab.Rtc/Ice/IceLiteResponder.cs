using Confab.Rtc.Stun;

namespace Confab.Rtc.Ice;

/// <summary>
/// The answering side of a lite agent (RFC 8445 §2.5, §7.3): validates one Binding request
/// against the local credentials and writes the answer into the caller's buffer. Pure decision,
/// no sockets, no state, no allocation.
/// </summary>
/// <remarks>
/// Order of checks, each an early return:
/// <list type="number">
/// <item>Not a well-formed STUN message, or not a Binding request: dropped.</item>
/// <item>FINGERPRINT absent or wrong: dropped (ICE requires it; it also keeps other protocols out).</item>
/// <item>MESSAGE-INTEGRITY or USERNAME absent: 400; USERNAME not "localUfrag:..." or integrity
/// wrong: 401 (RFC 8489 §9.1.3). These answers cannot be authenticated, so they are sent only
/// when they are no larger than the request; otherwise the request is dropped. A forged source
/// address therefore never gets a larger datagram back than it sent (no amplification).</item>
/// <item>ICE-CONTROLLED present: 487 Role Conflict. A lite agent is always controlled and can
/// never take the controlling role (§7.3.1.1 would have a full agent switch roles or answer
/// 487 depending on the tie-breakers; a lite agent has only the 487 branch).</item>
/// <item>PRIORITY absent or malformed: 400 (§7.1.1 makes it mandatory).</item>
/// <item>An unknown comprehension-required attribute: 420 with UNKNOWN-ATTRIBUTES.</item>
/// <item>Otherwise a success response with XOR-MAPPED-ADDRESS of the source,
/// MESSAGE-INTEGRITY (local password) and FINGERPRINT (§7.3.1.2).</item>
/// </list>
/// Answers to authenticated requests (success, 487, 400, 420) carry MESSAGE-INTEGRITY and
/// FINGERPRINT and have no size limit.
/// </remarks>
public static class IceLiteResponder
{
    /// <summary>Room that a success response for an IPv6 source needs: header, XOR-MAPPED-ADDRESS, integrity, fingerprint.</summary>
    public const int MaxSuccessResponseSize = StunConstants.HeaderSize
        + StunConstants.AttributeHeaderSize + 20
        + StunIntegrity.AttributeSize
        + StunIntegrity.FingerprintAttributeSize;

    /// <summary>Reads <paramref name="request"/> and answers it (see the remarks for the order of checks).</summary>
    public static IceBindingResult Respond(ReadOnlySpan<byte> request, in TransportAddress source, IceCredentials local, Span<byte> response)
    {
        if (!StunMessage.TryRead(request, out StunMessageView message))
        {
            return IceBindingResult.Drop(IceDropReason.Malformed);
        }

        return Respond(message, source, local, response);
    }

    /// <summary>Answers an already read message.</summary>
    public static IceBindingResult Respond(scoped in StunMessageView request, in TransportAddress source, IceCredentials local, Span<byte> response)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (request.Type.Method != StunMethod.Binding || request.Type.Class != StunClass.Request)
        {
            bool indication = request.Type == StunMessageType.BindingIndication;
            return IceBindingResult.Drop(indication ? IceDropReason.Indication : IceDropReason.NotBindingRequest);
        }

        if (!request.VerifyFingerprint())
        {
            return IceBindingResult.Drop(IceDropReason.BadFingerprint);
        }

        if (!request.HasMessageIntegrity || !request.TryGetUsername(out ReadOnlySpan<byte> username))
        {
            return UnauthenticatedError(request, StunErrorCode.BadRequest, response);
        }

        if (!IceUsername.TrySplit(username, out ReadOnlySpan<byte> localUfrag, out _) || !local.UfragEquals(localUfrag)
            || !request.VerifyMessageIntegrity(local.PasswordBytes))
        {
            return UnauthenticatedError(request, StunErrorCode.Unauthenticated, response);
        }

        if (request.TryGetIceControlled(out _))
        {
            return AuthenticatedError(request, StunErrorCode.RoleConflict, local, response);
        }

        if (!request.TryGetPriority(out uint priority))
        {
            return AuthenticatedError(request, StunErrorCode.BadRequest, local, response);
        }

        if (request.TryGetUnknownRequiredAttribute(out _))
        {
            return AuthenticatedError(request, StunErrorCode.UnknownAttribute, local, response);
        }

        if (response.Length < StunConstants.HeaderSize)
        {
            return IceBindingResult.Drop(IceDropReason.ResponseBufferTooSmall);
        }

        var writer = new StunMessageWriter(response, StunMessageType.BindingSuccess, request.TransactionIdBytes);
        if (!writer.TryAddXorAddress(StunAttributeType.XorMappedAddress, source)
            || !writer.TryAddMessageIntegrity(local.PasswordBytes)
            || !writer.TryAddFingerprint())
        {
            return IceBindingResult.Drop(IceDropReason.ResponseBufferTooSmall);
        }

        return new IceBindingResult(IceBindingOutcome.Success, IceDropReason.None, 0, writer.Length, true, request.HasUseCandidate, priority);
    }

    private static IceBindingResult UnauthenticatedError(scoped in StunMessageView request, int code, Span<byte> response)
    {
        ReadOnlySpan<byte> reason = StunErrorCode.ReasonFor(code);
        int size = StunConstants.HeaderSize
            + StunMessageWriter.AttributeSize(StunErrorCode.ValueSize(reason.Length))
            + StunIntegrity.FingerprintAttributeSize;
        if (size > request.Bytes.Length)
        {
            return IceBindingResult.Drop(IceDropReason.WouldAmplify);
        }

        if (response.Length < size)
        {
            return IceBindingResult.Drop(IceDropReason.ResponseBufferTooSmall);
        }

        var writer = new StunMessageWriter(response, StunMessageType.BindingError, request.TransactionIdBytes);
        writer.TryAddErrorCode(code, reason);
        writer.TryAddFingerprint();
        return new IceBindingResult(IceBindingOutcome.ErrorResponse, IceDropReason.None, code, writer.Length, false, false, 0);
    }

    private static IceBindingResult AuthenticatedError(scoped in StunMessageView request, int code, IceCredentials local, Span<byte> response)
    {
        if (response.Length < StunConstants.HeaderSize)
        {
            return IceBindingResult.Drop(IceDropReason.ResponseBufferTooSmall);
        }

        var writer = new StunMessageWriter(response, StunMessageType.BindingError, request.TransactionIdBytes);
        bool written = writer.TryAddErrorCode(code, StunErrorCode.ReasonFor(code));
        if (written && code == StunErrorCode.UnknownAttribute && request.TryGetUnknownRequiredAttribute(out ushort unknown))
        {
            ReadOnlySpan<ushort> unknownTypes = [unknown];
            written = writer.TryAddUnknownAttributes(unknownTypes);
        }

        written = written && writer.TryAddMessageIntegrity(local.PasswordBytes) && writer.TryAddFingerprint();
        return written
            ? new IceBindingResult(IceBindingOutcome.ErrorResponse, IceDropReason.None, code, writer.Length, true, false, 0)
            : IceBindingResult.Drop(IceDropReason.ResponseBufferTooSmall);
    }
}
