using System.Security.Cryptography;
using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

public sealed class DtlsFingerprintTests
{
    // RFC 4572 §5 example (the attribute RFC 8122 carries on): a=fingerprint:SHA-1 4A:AD:...:AB
    private const string Rfc4572Example = "SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB";

    [Fact]
    public void Parses_the_RFC_4572_example_and_normalizes_the_hash_token()
    {
        Assert.True(DtlsFingerprint.TryParse(Rfc4572Example, out var fingerprint));

        Assert.Equal("sha-1", fingerprint!.Algorithm);
        Assert.Equal(Convert.FromHexString("4AADB9B13F82183B540212DF3E5D496B19E57CAB"), fingerprint.Digest.ToArray());
        Assert.Equal("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB", fingerprint.ToString());
    }

    [Theory]
    [InlineData("sha-1", 20)]
    [InlineData("sha-256", 32)]
    [InlineData("sha-384", 48)]
    [InlineData("SHA-512", 64)]
    public void Computed_fingerprint_round_trips_through_its_SDP_form(string algorithm, int digestBytes)
    {
        var certificate = DtlsCertificate.Generate();

        var computed = DtlsFingerprint.Compute(algorithm, certificate.Der);
        Assert.True(DtlsFingerprint.TryParse(computed.ToString(), out var parsed));

        Assert.Equal(digestBytes, computed.Digest.Length);
        Assert.Equal(computed.Digest.ToArray(), parsed!.Digest.ToArray());
        Assert.True(parsed.Matches(certificate.Der));
        Assert.Equal(algorithm.ToLowerInvariant(), parsed.Algorithm);
    }

    [Fact]
    public void Lower_case_hex_and_surrounding_spaces_are_accepted()
    {
        var certificate = DtlsCertificate.Generate();

        Assert.True(DtlsFingerprint.TryParse("  " + certificate.SdpFingerprint.ToLowerInvariant() + " ", out var parsed));

        Assert.True(parsed!.Matches(certificate.Der));
    }

    [Fact]
    public void Sha256_fingerprint_equals_an_independent_SHA256_of_the_DER()
    {
        var certificate = DtlsCertificate.Generate();

        var expected = "sha-256 " + string.Join(':', SHA256.HashData(certificate.Der).Select(b => b.ToString("X2")));

        Assert.Equal(expected, certificate.SdpFingerprint);
    }

    [Fact]
    public void Does_not_match_another_certificate_or_a_changed_one()
    {
        var certificate = DtlsCertificate.Generate();
        var other = DtlsCertificate.Generate();
        var tampered = certificate.Der.ToArray();
        tampered[^1] ^= 0x01;

        Assert.False(certificate.Fingerprint.Matches(other.Der));
        Assert.False(certificate.Fingerprint.Matches(tampered));
        Assert.True(certificate.Fingerprint.Matches(certificate.Der));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sha-256")]                                   // no digest
    [InlineData("sha-256 ")]                                  // empty digest
    [InlineData("md5 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B")] // unsupported hash function
    [InlineData("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C")]       // 19 bytes, 20 needed
    [InlineData("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:CD")] // 21 bytes
    [InlineData("sha-1 4A-AD-B9-B1-3F-82-18-3B-54-02-12-DF-3E-5D-49-6B-19-E5-7C-AB")]    // wrong separator
    [InlineData("sha-1 4AADB9B13F82183B540212DF3E5D496B19E57CAB")]                      // no separators
    [InlineData("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AG")]    // not hex
    [InlineData("sha-1 +A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB")]    // sign
    [InlineData("sha-1:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB")]    // no space
    public void Malformed_or_unsupported_fingerprints_are_rejected(string? text)
    {
        Assert.False(DtlsFingerprint.TryParse(text, out var fingerprint));
        Assert.Null(fingerprint);
    }

    [Fact]
    public void Mutated_fingerprints_never_throw_and_parse_only_when_still_well_formed()
    {
        var random = new Random(12345);
        var valid = DtlsCertificate.Generate().SdpFingerprint;
        const string alphabet = "0123456789ABCDEFabcdefgxyz:- \t.sha";

        for (var i = 0; i < 2000; i++)
        {
            var chars = valid.ToCharArray();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var mutated = new string(chars);
            if (DtlsFingerprint.TryParse(mutated, out var parsed))
            {
                // Whatever parses must print back to the same text, up to letter case and outer spaces.
                Assert.Equal(mutated.Trim().ToUpperInvariant(), parsed!.ToString().ToUpperInvariant());
            }
        }
    }

    [Fact]
    public void Compute_refuses_an_unsupported_hash_function()
    {
        Assert.Throws<ArgumentException>(() => DtlsFingerprint.Compute("md5", [1, 2, 3]));
    }
}
