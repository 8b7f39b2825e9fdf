using System.Buffers.Text;
using System.Security.Cryptography;

namespace Confab.Meetings.Accounts;

/// <summary>Identifiers drawn from a cryptographic RNG.</summary>
/// <remarks>Uniqueness against what is already stored is the caller's job (draw again on a collision).</remarks>
public static class Identifiers
{
    public const int MeetingIdDigits = 11;
    public const int PmiDigits = 10;
    public const int PasscodeDigits = 6;
    public const int OpaqueTokenBytes = 32;

    private const string Digits = "0123456789";
    private const string NonZeroDigits = "123456789";

    /// <summary>An 11-digit meeting ID with no leading zero.</summary>
    public static string NewMeetingId() => NumberWithoutLeadingZero(MeetingIdDigits);

    /// <summary>A 10-digit personal meeting ID with no leading zero.</summary>
    public static string NewPmi() => NumberWithoutLeadingZero(PmiDigits);

    /// <summary>A 6-digit numeric passcode (what Zoom generates by default).</summary>
    public static string NewPasscode() => RandomNumberGenerator.GetString(Digits, PasscodeDigits);

    /// <summary>An opaque URL-safe token (256 bits, base64url) for join links and refresh tokens.</summary>
    /// <remarks>RFC 4648 §5 alphabet without '=' padding: 43 characters.</remarks>
    public static string NewOpaqueToken()
    {
        Span<byte> bytes = stackalloc byte[OpaqueTokenBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private static string NumberWithoutLeadingZero(int digits) =>
        string.Create(digits, 0, static (span, _) =>
        {
            RandomNumberGenerator.GetItems(NonZeroDigits, span[..1]);
            RandomNumberGenerator.GetItems(Digits, span[1..]);
        });
}
