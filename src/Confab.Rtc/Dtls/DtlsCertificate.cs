using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Confab.Rtc.Dtls;

/// <summary>
/// Our self-signed DTLS certificate (RFC 8827 §6.5: WebRTC endpoints use self-signed certificates whose identity is
/// the SDP fingerprint). ECDSA over P-256 with SHA-256, because browsers negotiate ECDHE-ECDSA suites with it.
/// Generate one at process start and share it between endpoints.
/// </summary>
public sealed class DtlsCertificate
{
    /// <summary>How long before "now" the certificate becomes valid, against clock skew between peers.</summary>
    public static readonly TimeSpan NotBeforeSkew = TimeSpan.FromDays(1);

    /// <summary>Default validity after "now".</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    private const int SerialNumberBits = 64;
    private const string SignatureAlgorithm = "SHA256WITHECDSA";
    private const string SubjectName = "CN=Confab";

    private readonly byte[] _der;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        _der = der;
        PrivateKey = privateKey;
        NotBefore = notBefore;
        NotAfter = notAfter;
        Fingerprint = DtlsFingerprint.Compute(DtlsFingerprint.Sha256, der);
    }

    /// <summary>DER encoding of the X.509 certificate.</summary>
    public ReadOnlySpan<byte> Der => _der;

    /// <summary>SHA-256 fingerprint, the value of our a=fingerprint line.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>"sha-256 AB:CD:..." as written after "a=fingerprint:" in SDP.</summary>
    public string SdpFingerprint => Fingerprint.ToString();

    /// <summary>Start of validity.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>End of validity.</summary>
    public DateTimeOffset NotAfter { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    internal byte[] DerArray => _der;

    /// <summary>
    /// Generates a fresh P-256 key pair and a self-signed certificate valid from one day before
    /// <paramref name="now"/> (default: the current time) for <paramref name="lifetime"/> (default 30 days),
    /// with a random 64-bit serial number.
    /// </summary>
    public static DtlsCertificate Generate(DateTimeOffset? now = null, TimeSpan? lifetime = null)
    {
        var random = new SecureRandom();
        var keyGenerator = new ECKeyPairGenerator();
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var keyPair = keyGenerator.GenerateKeyPair();

        var start = (now ?? DateTimeOffset.UtcNow) - NotBeforeSkew;
        var end = (now ?? DateTimeOffset.UtcNow) + (lifetime ?? DefaultLifetime);
        // Whole seconds: X.509 UTCTime has no fractions.
        start = DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds());
        end = DateTimeOffset.FromUnixTimeSeconds(end.ToUnixTimeSeconds());

        var name = new X509Name(SubjectName);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(SerialNumberBits, random).SetBit(0));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(start.UtcDateTime);
        generator.SetNotAfter(end.UtcDateTime);
        generator.SetPublicKey(keyPair.Public);

        var certificate = generator.Generate(new Asn1SignatureFactory(SignatureAlgorithm, keyPair.Private, random));
        return new DtlsCertificate(certificate.GetEncoded(), keyPair.Private, start, end);
    }
}
