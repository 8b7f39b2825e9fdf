using System.Net.Mail;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;

namespace Confab.Server.Users;

/// <summary>Checks of the account fields shared by registration and profile updates.</summary>
public static class AccountFields
{
    public const int MaxEmailLength = 255;
    public const int MaxDisplayNameLength = 128;
    public const int MaxTimezoneLength = 50;

    /// <summary>Trimmed, lower-cased form under which an e-mail address is stored and looked up.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static void ValidateEmail(string? email, FieldErrors errors, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(field, "Is required.");
            return;
        }
        JsonBody.CheckLength(email, MaxEmailLength, field, errors);
        var trimmed = email.Trim();
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.'))
        {
            errors.Add(field, "Must be an e-mail address like name@example.com.");
        }
    }

    public static void ValidateDisplayName(string? displayName, bool required, FieldErrors errors, string field = "display_name")
    {
        if (displayName is null)
        {
            if (required)
            {
                errors.Add(field, "Is required.");
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add(field, "Must not be blank.");
        }
        JsonBody.CheckLength(displayName, MaxDisplayNameLength, field, errors);
        if (displayName.Any(char.IsControl))
        {
            errors.Add(field, "Must not contain control characters.");
        }
    }

    /// <summary>An IANA zone name such as "Europe/Berlin" (null is allowed: it means "not given").</summary>
    public static void ValidateTimezone(string? timezone, FieldErrors errors, string field = "timezone")
    {
        if (timezone is null)
        {
            return;
        }
        if (timezone.Length > MaxTimezoneLength || !TimeZones.TryFind(timezone, out _))
        {
            errors.Add(field, "Must be a known IANA time zone such as \"Europe/Berlin\".");
        }
    }
}
