using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Confab.Rtc.Dtls;

/// <summary>
/// A certificate fingerprint as carried by SDP (RFC 8122 §5, RFC 8842 §5):
/// <code>
/// fingerprint-attribute  =  "fingerprint" ":" hash-func SP fingerprint
/// hash-func              =  "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ...
/// fingerprint            =  2UHEX *(":" 2UHEX)
/// </code>
/// Supported hash functions: sha-1, sha-256 (the one WebRTC uses), sha-384 and sha-512.
/// </summary>
public sealed class DtlsFingerprint
{
    /// <summary>RFC 8122 hash function token for SHA-1.</summary>
    public const string Sha1 = "sha-1";

    /// <summary>RFC 8122 hash function token for SHA-256.</summary>
    public const string Sha256 = "sha-256";

    /// <summary>RFC 8122 hash function token for SHA-384.</summary>
    public const string Sha384 = "sha-384";

    /// <summary>RFC 8122 hash function token for SHA-512.</summary>
    public const string Sha512 = "sha-512";

    private readonly byte[] _digest;

    private DtlsFingerprint(string algorithm, byte[] digest)
    {
        Algorithm = algorithm;
        _digest = digest;
    }

    /// <summary>Lower-case hash function token, e.g. "sha-256".</summary>
    public string Algorithm { get; }

    /// <summary>The digest bytes.</summary>
    public ReadOnlySpan<byte> Digest => _digest;

    /// <summary>Computes the fingerprint of a DER-encoded certificate with the given hash function.</summary>
    public static DtlsFingerprint Compute(string algorithm, ReadOnlySpan<byte> certificateDer)
    {
        var normalized = algorithm.ToLowerInvariant();
        if (!TryGetDigestLength(normalized, out _))
        {
            throw new ArgumentException($"Unsupported fingerprint hash function '{algorithm}'.", nameof(algorithm));
        }

        return new DtlsFingerprint(normalized, Hash(normalized, certificateDer));
    }

    /// <summary>
    /// Parses "sha-256 AB:CD:..." (hash function token case-insensitive, hex digits of either case). Returns false on
    /// anything malformed or on a hash function we do not support; never throws.
    /// </summary>
    public static bool TryParse(string? text, out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.AsSpan().Trim();
        var space = trimmed.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        var algorithm = trimmed[..space].ToString().ToLowerInvariant();
        if (!TryGetDigestLength(algorithm, out var digestLength))
        {
            return false;
        }

        var hex = trimmed[(space + 1)..].Trim();
        // Each byte is two hex digits, separated by ':' → 3 * n - 1 characters.
        if (hex.Length != (3 * digestLength) - 1)
        {
            return false;
        }

        var digest = new byte[digestLength];
        for (var i = 0; i < digestLength; i++)
        {
            var at = 3 * i;
            if (i > 0 && hex[at - 1] != ':')
            {
                return false;
            }

            if (!byte.TryParse(hex.Slice(at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out digest[i]))
            {
                return false;
            }
        }

        fingerprint = new DtlsFingerprint(algorithm, digest);
        return true;
    }

    /// <summary>
    /// True when the DER-encoded certificate hashes to this fingerprint. The digest comparison is constant-time.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> actual = stackalloc byte[SHA512.HashSizeInBytes];
        var written = HashInto(Algorithm, certificateDer, actual);
        return CryptographicOperations.FixedTimeEquals(actual[..written], _digest);
    }

    /// <summary>SDP form: "sha-256 AB:CD:...".</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Algorithm.Length + 1 + (3 * _digest.Length));
        builder.Append(Algorithm).Append(' ');
        for (var i = 0; i < _digest.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(':');
            }

            builder.Append(_digest[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static bool TryGetDigestLength(string algorithm, out int length)
    {
        length = algorithm switch
        {
            Sha1 => SHA1.HashSizeInBytes,
            Sha256 => SHA256.HashSizeInBytes,
            Sha384 => SHA384.HashSizeInBytes,
            Sha512 => SHA512.HashSizeInBytes,
            _ => 0,
        };
        return length > 0;
    }

    private static byte[] Hash(string algorithm, ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[SHA512.HashSizeInBytes];
        var written = HashInto(algorithm, data, digest);
        return digest[..written].ToArray();
    }

    private static int HashInto(string algorithm, ReadOnlySpan<byte> data, Span<byte> destination) => algorithm switch
    {
        // SHA-1 only to check a peer's fingerprint (RFC 8122 allows it); never used for our own certificate.
#pragma warning disable CA5350
        Sha1 => SHA1.HashData(data, destination),
#pragma warning restore CA5350
        Sha256 => SHA256.HashData(data, destination),
        Sha384 => SHA384.HashData(data, destination),
        Sha512 => SHA512.HashData(data, destination),
        _ => 0,
    };
}
