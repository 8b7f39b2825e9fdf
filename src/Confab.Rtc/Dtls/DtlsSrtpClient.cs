using Org.BouncyCastle.Tls;

namespace Confab.Rtc.Dtls;

/// <summary>
/// The DTLS 1.2 client side of WebRTC (RFC 5763, RFC 5764): offers use_srtp, checks the server certificate against
/// the SDP fingerprint, and answers the CertificateRequest with our certificate.
/// </summary>
internal sealed class DtlsSrtpClient : DefaultTlsClient
{
    private readonly DtlsHandshakeState _state;

    public DtlsSrtpClient(DtlsHandshakeState state)
        : base(state.Crypto)
    {
        _state = state;
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
        TlsUtilities.GetSupportedCipherSuites(Crypto, DtlsHandshakeState.ClientCipherSuites);

    public override void NotifySelectedCipherSuite(int selectedCipherSuite)
    {
        base.NotifySelectedCipherSuite(selectedCipherSuite);
        _state.CipherSuiteSelected?.Invoke(selectedCipherSuite);
    }

    public override int GetHandshakeTimeoutMillis() => (int)_state.Options.HandshakeTimeout.TotalMilliseconds;

    public override bool RequiresExtendedMasterSecret() => true;

    public override bool IgnoreCorruptDtlsRecords => true;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = base.GetClientExtensions() ?? new Dictionary<int, byte[]>();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions,
            new UseSrtpData([.. _state.Options.ClientSrtpOffer], TlsUtilities.EmptyBytes));
        return extensions;
    }

    /// <summary>RFC 5764 §4.1.1: the server must pick exactly one of the profiles we offered.</summary>
    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);

        var answer = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (answer is null)
        {
            throw _state.Fail(DtlsFailureReason.NoSrtpProfile,
                "The server did not accept use_srtp (RFC 5764).", AlertDescription.handshake_failure);
        }

        if (answer.ProtectionProfiles.Length != 1 || !_state.Options.ClientSrtpOffer.Contains(answer.ProtectionProfiles[0]))
        {
            var chosen = string.Join(", ", answer.ProtectionProfiles.Select(SrtpProtectionProfile.NameOf));
            throw _state.Fail(DtlsFailureReason.NoSrtpProfile,
                $"The server chose SRTP profile(s) we did not offer: {chosen}.", AlertDescription.illegal_parameter);
        }

        _state.SrtpProfile = answer.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new FingerprintAuthentication(_state, m_context);

    public override void NotifyAlertReceived(short alertLevel, short alertDescription)
    {
        if (alertLevel == AlertLevel.fatal || alertDescription == AlertDescription.close_notify)
        {
            _state.ReceivedAlert = alertDescription;
        }
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _state.CompleteHandshake(m_context);
    }

    private sealed class FingerprintAuthentication(DtlsHandshakeState state, TlsContext context) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            state.VerifyPeerCertificate(serverCertificate.Certificate);

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => state.CreateSigner(context);
    }
}
