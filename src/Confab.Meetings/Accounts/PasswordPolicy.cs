using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Accounts;

/// <summary>Minimum password strength for accounts.</summary>
public static class PasswordPolicy
{
    /// <summary>Adds errors under <paramref name="field"/> when <paramref name="password"/> is too weak.</summary>
    public static void Validate(string? password, string? email, FieldErrors errors, string field = "password") =>
        throw new NotImplementedException();
}
