using System.Security.Cryptography;
using System.Text;

namespace Confab.Rtc.Ice;

/// <summary>
/// An ICE username fragment and password (RFC 8445 §5.3, syntax in RFC 8839 §5.4):
/// ice-char = ALPHA / DIGIT / "+" / "/"; the ufrag has at least 4 characters (24 bits of
/// randomness), the password at least 22 (128 bits); both at most 256.
/// </summary>
public sealed class IceCredentials
{
    public const int MinUfragLength = 4;
    public const int MinPasswordLength = 22;
    public const int MaxLength = 256;

    /// <summary>Generated ufrags: 8 characters of 6 bits each, 48 bits of randomness.</summary>
    public const int GeneratedUfragLength = 8;

    /// <summary>Generated passwords: 24 characters of 6 bits each, 144 bits of randomness.</summary>
    public const int GeneratedPasswordLength = 24;

    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly byte[] _ufragUtf8;
    private readonly byte[] _passwordUtf8;

    /// <exception cref="ArgumentException">Either value breaks the length or ice-char rules.</exception>
    public IceCredentials(string ufrag, string password)
    {
        if (!IsValid(ufrag, MinUfragLength))
        {
            throw new ArgumentException("An ICE ufrag is 4 to 256 ice-chars.", nameof(ufrag));
        }

        if (!IsValid(password, MinPasswordLength))
        {
            throw new ArgumentException("An ICE password is 22 to 256 ice-chars.", nameof(password));
        }

        Ufrag = ufrag;
        Password = password;
        _ufragUtf8 = Encoding.ASCII.GetBytes(ufrag);
        _passwordUtf8 = Encoding.ASCII.GetBytes(password);
    }

    public string Ufrag { get; }

    public string Password { get; }

    /// <summary>The ufrag bytes as they appear in USERNAME.</summary>
    public ReadOnlySpan<byte> UfragBytes => _ufragUtf8;

    /// <summary>The MESSAGE-INTEGRITY key: the password's bytes (RFC 8445 §7.2.2, short-term credential).</summary>
    public ReadOnlySpan<byte> PasswordBytes => _passwordUtf8;

    /// <summary>Fresh random credentials from a cryptographic generator.</summary>
    public static IceCredentials Generate()
        => new(RandomNumberGenerator.GetString(IceChars, GeneratedUfragLength), RandomNumberGenerator.GetString(IceChars, GeneratedPasswordLength));

    /// <summary>Validates values received in signaling (the remote side's); false instead of throwing.</summary>
    public static bool TryCreate(string? ufrag, string? password, out IceCredentials? credentials)
    {
        credentials = IsValid(ufrag, MinUfragLength) && IsValid(password, MinPasswordLength) ? new IceCredentials(ufrag!, password!) : null;
        return credentials is not null;
    }

    /// <summary>Whether every character is an ice-char and the length is in range.</summary>
    public static bool IsValid(string? value, int minLength)
    {
        if (value is null || value.Length < minLength || value.Length > MaxLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!IsIceChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ALPHA / DIGIT / "+" / "/".</summary>
    public static bool IsIceChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/';

    /// <summary>Ordinal comparison of a USERNAME part with this ufrag.</summary>
    public bool UfragEquals(ReadOnlySpan<byte> ufrag) => ufrag.SequenceEqual(_ufragUtf8);

    public override string ToString() => $"ufrag={Ufrag}";
}
