using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

public sealed class DtlsCertificateTests
{
    private const string EcdsaWithSha256Oid = "1.2.840.10045.4.3.2";

    [Fact]
    public void Generated_certificate_is_self_signed_ECDSA_P256_with_SHA256()
    {
        var certificate = DtlsCertificate.Generate();

        using var parsed = X509CertificateLoader.LoadCertificate(certificate.Der);
        using var key = parsed.GetECDsaPublicKey();

        Assert.NotNull(key);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key!.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(EcdsaWithSha256Oid, parsed.SignatureAlgorithm.Value);
        Assert.Equal(parsed.Subject, parsed.Issuer);
        Assert.Equal("CN=Confab", parsed.Subject);
    }

    [Fact]
    public void Signature_verifies_with_the_certificate_own_public_key()
    {
        var certificate = DtlsCertificate.Generate();

        var parsed = new Org.BouncyCastle.X509.X509Certificate(certificate.Der.ToArray());

        parsed.Verify(parsed.GetPublicKey()); // throws when the signature is wrong
    }

    [Fact]
    public void Validity_runs_from_one_day_before_now_for_the_requested_lifetime()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var certificate = DtlsCertificate.Generate(now, TimeSpan.FromDays(30));
        using var parsed = X509CertificateLoader.LoadCertificate(certificate.Der);

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero), certificate.NotBefore);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero), certificate.NotAfter);
        Assert.Equal(certificate.NotBefore.UtcDateTime, parsed.NotBefore.ToUniversalTime());
        Assert.Equal(certificate.NotAfter.UtcDateTime, parsed.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void Each_certificate_has_its_own_key_serial_and_fingerprint()
    {
        var first = DtlsCertificate.Generate();
        var second = DtlsCertificate.Generate();

        using var firstParsed = X509CertificateLoader.LoadCertificate(first.Der);
        using var secondParsed = X509CertificateLoader.LoadCertificate(second.Der);

        Assert.NotEqual(firstParsed.SerialNumber, secondParsed.SerialNumber);
        Assert.NotEqual(first.SdpFingerprint, second.SdpFingerprint);
        Assert.Equal(firstParsed.GetCertHash(HashAlgorithmName.SHA256), first.Fingerprint.Digest.ToArray());
        Assert.StartsWith("sha-256 ", first.SdpFingerprint, StringComparison.Ordinal);
    }
}
