using Org.BouncyCastle.Tls;

namespace Confab.Rtc.Dtls;

/// <summary>
/// The DTLS 1.2 server side of WebRTC (RFC 5763, RFC 5764): ECDHE-ECDSA only, extended master secret,
/// CertificateRequest for mutual authentication, and use_srtp with our profile preference.
/// </summary>
internal sealed class DtlsSrtpServer : DefaultTlsServer
{
    private readonly DtlsHandshakeState _state;

    public DtlsSrtpServer(DtlsHandshakeState state)
        : base(state.Crypto)
    {
        _state = state;
    }

    // Chromium offers DTLS 1.3 as well; we negotiate 1.2, the version of RFC 5764 and of our SRTP code.
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
        TlsUtilities.GetSupportedCipherSuites(Crypto, DtlsHandshakeState.EcdsaCipherSuites);

    public override int GetSelectedCipherSuite()
    {
        var suite = base.GetSelectedCipherSuite();
        _state.CipherSuiteSelected?.Invoke(suite);
        return suite;
    }

    public override int GetHandshakeTimeoutMillis() => (int)_state.Options.HandshakeTimeout.TotalMilliseconds;

    public override bool RequiresExtendedMasterSecret() => true;

    public override bool IgnoreCorruptDtlsRecords => true;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => _state.CreateSigner(m_context);

    // WebRTC authenticates both ends by certificate fingerprint: ask the browser for its certificate.
    public override CertificateRequest GetCertificateRequest()
    {
        short[] certificateTypes = [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign];
        var signatureAlgorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
        return new CertificateRequest(certificateTypes, signatureAlgorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        _state.VerifyPeerCertificate(clientCertificate);

    /// <summary>RFC 5764 §4.1.1: pick the first profile of our preference that the client offers.</summary>
    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);

        var offer = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (offer is null)
        {
            throw _state.Fail(DtlsFailureReason.NoSrtpProfile,
                "The client did not send the use_srtp extension (RFC 5764).", AlertDescription.handshake_failure);
        }

        foreach (var wanted in _state.Options.ServerSrtpPreference)
        {
            if (Array.IndexOf(offer.ProtectionProfiles, wanted) >= 0)
            {
                _state.SrtpProfile = wanted;
                return;
            }
        }

        var offered = string.Join(", ", offer.ProtectionProfiles.Select(SrtpProtectionProfile.NameOf));
        throw _state.Fail(DtlsFailureReason.NoSrtpProfile,
            $"No SRTP protection profile in common; the client offered: {offered}.", AlertDescription.handshake_failure);
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = base.GetServerExtensions() ?? new Dictionary<int, byte[]>();
        // RFC 5764 §4.1.1: the server answers with exactly one profile and an empty MKI.
        TlsSrtpUtilities.AddUseSrtpExtension(extensions,
            new UseSrtpData([_state.SrtpProfile!.Value], TlsUtilities.EmptyBytes));
        return extensions;
    }

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
}
