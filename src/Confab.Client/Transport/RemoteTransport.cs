using System.Net;
using Confab.Rtc.Dtls;
using Confab.Rtc.Ice;
using Confab.Rtc.Sdp;

namespace Confab.Client.Transport;

/// <summary>
/// What we need of the other side's description to connect: its ICE credentials, the host candidate to
/// check, its certificate fingerprint, and the DTLS role we play.
/// </summary>
public sealed record RemoteTransport(IceCredentials Ice, IPEndPoint Candidate, string Fingerprint, DtlsRole LocalDtlsRole)
{
    /// <summary>
    /// Reads the transport of the first accepted section (all sections share it under BUNDLE).
    /// <paramref name="remoteIsOffer"/> tells how a=setup maps to our role (RFC 5763 §5, RFC 8842 §5):
    /// to their answer "passive" we are the client, to "active" the server; to their offer ("actpass")
    /// we answer "active" and are the client.
    /// </summary>
    public static bool TryRead(SessionDescription remote, bool remoteIsOffer, AddressFamilyPreference preference,
        out RemoteTransport? transport, out string? error)
    {
        ArgumentNullException.ThrowIfNull(remote);
        transport = null;
        MediaDescription? media = remote.Media.FirstOrDefault(m => !m.IsRejected);
        if (media is null)
        {
            error = "the description has no accepted section";
            return false;
        }
        if (!IceCredentials.TryCreate(remote.IceUfragFor(media), remote.IcePwdFor(media), out IceCredentials? ice))
        {
            error = "the description has no valid ICE ufrag and password";
            return false;
        }
        if (remote.FingerprintFor(media) is not { } fingerprint || !DtlsFingerprint.TryParse(fingerprint.ToString(), out _))
        {
            error = "the description has no usable DTLS fingerprint";
            return false;
        }
        DtlsRole role;
        switch (remote.SetupFor(media))
        {
            case SdpSetupRole.Passive:
                role = DtlsRole.Client;
                break;
            case SdpSetupRole.Active:
                role = DtlsRole.Server;
                break;
            case SdpSetupRole.ActPass when remoteIsOffer:
                role = DtlsRole.Client;
                break;
            default:
                error = "the description's a=setup does not fit its part in the exchange";
                return false;
        }
        IPEndPoint? candidate = PickCandidate(remote, preference);
        if (candidate is null)
        {
            error = "the description has no UDP host candidate we can reach";
            return false;
        }
        transport = new RemoteTransport(ice!, candidate, fingerprint.ToString(), role);
        error = null;
        return true;
    }

    private static IPEndPoint? PickCandidate(SessionDescription remote, AddressFamilyPreference preference)
    {
        var candidates = new List<IPEndPoint>();
        foreach (MediaDescription media in remote.Media)
        {
            foreach (IceCandidate candidate in media.Candidates)
            {
                if (string.Equals(candidate.Transport, "udp", StringComparison.OrdinalIgnoreCase) && candidate.Component == 1
                    && IPAddress.TryParse(candidate.Address, out IPAddress? address) && candidate.Port is > 0 and <= ushort.MaxValue)
                {
                    candidates.Add(new IPEndPoint(address, candidate.Port));
                }
            }
        }
        return preference switch
        {
            AddressFamilyPreference.Loopback => candidates.FirstOrDefault(c => IPAddress.IsLoopback(c.Address))
                ?? candidates.FirstOrDefault(c => c.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork),
            _ => candidates.FirstOrDefault(c => c.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? candidates.FirstOrDefault(),
        };
    }
}

/// <summary>Which of the remote host candidates to check.</summary>
public enum AddressFamilyPreference
{
    /// <summary>A loopback candidate first (the client's socket is bound to loopback).</summary>
    Loopback,

    /// <summary>The first IPv4 candidate.</summary>
    Any,
}
