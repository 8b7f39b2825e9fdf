using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Confab.Rtc.Dtls;

/// <summary>
/// What the server and client TLS peers share: our certificate and its signer, the peer's expected fingerprint and
/// its check, the cipher suites we allow, and the first failure we diagnosed ourselves (so the error the caller
/// sees says "fingerprint mismatch" rather than "bad_certificate").
/// </summary>
internal sealed class DtlsHandshakeState
{
    /// <summary>
    /// ECDHE with ECDSA authentication only: our certificate is ECDSA P-256, and a suite for another key type would
    /// leave the engine without credentials (internal_error). AEAD only, as every WebRTC browser offers them: a CBC
    /// record of the wrong length is a fatal decode_error in the engine, which <see cref="DtlsRecordFilter"/>
    /// could not screen as simply.
    /// </summary>
    public static readonly int[] EcdsaCipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>What a DTLS client additionally accepts: a peer server with an RSA certificate.</summary>
    public static readonly int[] ClientCipherSuites =
    [
        .. EcdsaCipherSuites,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    private static readonly SignatureAndHashAlgorithm s_ecdsaSha256 =
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private readonly object _lock = new();
    private DtlsHandshakeException? _failure;

    public DtlsHandshakeState(BcTlsCrypto crypto, DtlsCertificate localCertificate, DtlsFingerprint expectedPeerFingerprint,
        DtlsEndpointOptions options)
    {
        Crypto = crypto;
        LocalCertificate = localCertificate;
        ExpectedPeerFingerprint = expectedPeerFingerprint;
        Options = options;
    }

    public BcTlsCrypto Crypto { get; }

    public DtlsCertificate LocalCertificate { get; }

    public DtlsFingerprint ExpectedPeerFingerprint { get; }

    public DtlsEndpointOptions Options { get; }

    /// <summary>The peer certificate (DER) once it passed the fingerprint check.</summary>
    public byte[]? PeerCertificate { get; private set; }

    /// <summary>Negotiated SRTP profile, once known.</summary>
    public int? SrtpProfile { get; set; }

    /// <summary>Exported keying material, set when the handshake completes.</summary>
    public byte[]? KeyingMaterial { get; set; }

    /// <summary>Negotiated cipher suite, set when the handshake completes.</summary>
    public int NegotiatedCipherSuite { get; set; }

    /// <summary>Raised on the handshake thread as soon as the cipher suite is chosen.</summary>
    public Action<int>? CipherSuiteSelected { get; set; }

    /// <summary>The last alert the peer sent, if any.</summary>
    public short? ReceivedAlert { get; set; }

    /// <summary>The first failure we diagnosed ourselves, if any.</summary>
    public DtlsHandshakeException? Failure
    {
        get
        {
            lock (_lock)
            {
                return _failure;
            }
        }
    }

    /// <summary>Records a diagnosed failure (the first one wins) and returns the alert to abort the handshake with.</summary>
    public TlsFatalAlert Fail(DtlsFailureReason reason, string message, short alertDescription)
    {
        lock (_lock)
        {
            _failure ??= new DtlsHandshakeException(reason, message);
        }

        return new TlsFatalAlert(alertDescription, message);
    }

    /// <summary>
    /// RFC 8842 §5 / RFC 8122 §5: the certificate the peer presents must hash to the fingerprint from its SDP.
    /// Throws the fatal alert that aborts the handshake otherwise.
    /// </summary>
    public void VerifyPeerCertificate(Certificate? chain)
    {
        if (chain is null || chain.IsEmpty)
        {
            throw Fail(DtlsFailureReason.NoPeerCertificate,
                "The peer presented no certificate; WebRTC requires one matching its SDP fingerprint.",
                AlertDescription.handshake_failure);
        }

        var der = chain.GetCertificateAt(0).GetEncoded();
        if (!ExpectedPeerFingerprint.Matches(der))
        {
            var actual = DtlsFingerprint.Compute(ExpectedPeerFingerprint.Algorithm, der);
            throw Fail(DtlsFailureReason.FingerprintMismatch,
                $"The peer's certificate fingerprint {actual} does not match the SDP fingerprint {ExpectedPeerFingerprint}.",
                AlertDescription.bad_certificate);
        }

        PeerCertificate = der;
    }

    /// <summary>Our certificate and private key as a TLS 1.2 ECDSA-SHA256 signer.</summary>
    public TlsCredentialedSigner CreateSigner(TlsContext context)
    {
        var chain = new Certificate([Crypto.CreateCertificate(LocalCertificate.DerArray)]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), Crypto, LocalCertificate.PrivateKey,
            chain, s_ecdsaSha256);
    }

    /// <summary>Exports the DTLS-SRTP keying material (RFC 5764 §4.2) once the handshake is complete.</summary>
    public void CompleteHandshake(TlsContext context)
    {
        NegotiatedCipherSuite = context.SecurityParameters.CipherSuite;
        if (SrtpProfile is { } profile)
        {
            KeyingMaterial = context.ExportKeyingMaterial(DtlsSrtpKeys.ExporterLabel, null,
                DtlsSrtpKeys.KeyingMaterialLength(profile));
        }
    }
}
