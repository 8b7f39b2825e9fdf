using Confab.Rtc.Ice;
using Confab.Rtc.Stun;

namespace Confab.LoadGen.Media;

/// <summary>
/// Answers a peer's connectivity checks as a full ICE agent (RFC 8445 §7.3) in either role. Against a full
/// agent such as Janus both sides send checks: when we control, Janus's checks carry ICE-CONTROLLED, which
/// a lite agent would refuse with 487; here any authenticated Binding request gets a success response with
/// XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT. Role conflicts cannot arise because each side's
/// role follows from the offer/answer (the offerer controls, RFC 8445 §6.1.1).
/// </summary>
public static class IceAgentResponder
{
    /// <summary>Writes the answer to an authenticated Binding request into <paramref name="response"/>; 0 when the request is not one.</summary>
    public static int Respond(ReadOnlySpan<byte> request, in TransportAddress source, IceCredentials local, Span<byte> response, out bool useCandidate)
    {
        ArgumentNullException.ThrowIfNull(local);
        useCandidate = false;
        if (!StunMessage.TryRead(request, out StunMessageView message)
            || message.Type != StunMessageType.BindingRequest
            || !message.VerifyFingerprint()
            || !message.TryGetUsername(out ReadOnlySpan<byte> username)
            || !IceUsername.TrySplit(username, out ReadOnlySpan<byte> localUfrag, out _)
            || !local.UfragEquals(localUfrag)
            || !message.VerifyMessageIntegrity(local.PasswordBytes)
            || response.Length < IceLiteResponder.MaxSuccessResponseSize)
        {
            return 0;
        }

        var writer = new StunMessageWriter(response, StunMessageType.BindingSuccess, message.TransactionIdBytes);
        if (!writer.TryAddXorAddress(StunAttributeType.XorMappedAddress, source)
            || !writer.TryAddMessageIntegrity(local.PasswordBytes)
            || !writer.TryAddFingerprint())
        {
            return 0;
        }

        useCandidate = message.HasUseCandidate;
        return writer.Length;
    }
}
