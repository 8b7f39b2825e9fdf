using System.Text;

namespace Confab.Rtc.Sdp;

/// <summary>
/// RFC 8122 §5: a=fingerprint:&lt;hash-func&gt; SP &lt;fingerprint&gt;, the fingerprint being
/// upper-case hex bytes separated by colons ("AB:CD:...").
/// </summary>
public sealed record SdpFingerprint(string HashFunction, string Value)
{
    /// <summary>Longest digest accepted, in bytes (SHA-512).</summary>
    private const int MaxDigestBytes = 64;

    /// <summary>Formats a certificate digest, e.g. FromDigest("sha-256", SHA256.HashData(cert)).</summary>
    public static SdpFingerprint FromDigest(string hashFunction, ReadOnlySpan<byte> digest)
    {
        var builder = new StringBuilder(digest.Length * 3);
        for (int i = 0; i < digest.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(':');
            }
            builder.Append(digest[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return new SdpFingerprint(hashFunction, builder.ToString());
    }

    public static bool TryParse(string? value, out SdpFingerprint? fingerprint, out string? error)
    {
        fingerprint = null;
        string[] parts = value is null ? [] : SdpTokens.SplitOnSpaces(value);
        if (parts.Length != 2 || !SdpTokens.IsToken(parts[0]))
        {
            error = "fingerprint must be '<hash-function> <hex:hex:...>'";
            return false;
        }
        if (!IsHexPairs(parts[1]))
        {
            error = "fingerprint value must be 1 to 64 hex byte pairs separated by ':'";
            return false;
        }
        fingerprint = new SdpFingerprint(parts[0].ToLowerInvariant(), parts[1].ToUpperInvariant());
        error = null;
        return true;
    }

    private static bool IsHexPairs(string text)
    {
        // "AB" or "AB:CD:..." : 3n-1 characters for n bytes.
        if ((text.Length + 1) % 3 != 0 || (text.Length + 1) / 3 > MaxDigestBytes)
        {
            return false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            bool ok = i % 3 == 2 ? text[i] == ':' : char.IsAsciiHexDigit(text[i]);
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() => $"{HashFunction} {Value}";
}
