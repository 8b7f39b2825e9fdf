using System.Text;
using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Accounts;

/// <summary>Minimum password strength for accounts.</summary>
/// <remarks>
/// 8 to 128 characters (counted as Unicode scalar values), at least one letter and one digit, not built on the
/// e-mail address's local part when that has 4 or more characters, and not one of the most common leaked passwords.
/// </remarks>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>Local parts shorter than this ("al", "bob") are too common a substring to refuse.</summary>
    public const int MinEmailLocalPartToCompare = 4;

    /// <summary>Adds errors under <paramref name="field"/> when <paramref name="password"/> is too weak.</summary>
    public static void Validate(string? password, string? email, FieldErrors errors, string field = "password")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "A password is required.");
            return;
        }

        var length = CountScalars(password);
        if (length < MinLength)
        {
            errors.Add(field, $"The password must be at least {MinLength} characters long.");
        }
        else if (length > MaxLength)
        {
            errors.Add(field, $"The password must be at most {MaxLength} characters long.");
        }

        var hasLetter = false;
        var hasDigit = false;
        foreach (var rune in password.EnumerateRunes())
        {
            hasLetter |= Rune.IsLetter(rune);
            hasDigit |= Rune.IsDigit(rune);
        }
        if (!hasLetter || !hasDigit)
        {
            errors.Add(field, "The password must contain at least one letter and one digit.");
        }

        var localPart = EmailLocalPart(email);
        if (localPart.Length >= MinEmailLocalPartToCompare && password.Contains(localPart, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, "The password must not contain your e-mail address's name.");
        }

        if (CommonPasswords.Contains(password))
        {
            errors.Add(field, "This password is among the most commonly used ones; choose another.");
        }
    }

    private static int CountScalars(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    private static string EmailLocalPart(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "";
        }
        var at = email.LastIndexOf('@');
        return (at < 0 ? email : email[..at]).Trim();
    }
}
