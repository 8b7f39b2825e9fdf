using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Accounts;

/// <summary>Meeting passcodes as Zoom accepts them: at most 10 characters of [a-zA-Z0-9@-_*].</summary>
/// <remarks>A null passcode is valid: it means "generate one" (<see cref="Identifiers.NewPasscode"/>).</remarks>
public static class MeetingPasscodePolicy
{
    public const int MaxLength = 10;

    public static void Validate(string? passcode, FieldErrors errors, string field = "password")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (passcode is null)
        {
            return;
        }

        if (passcode.Length == 0)
        {
            errors.Add(field, "The meeting passcode must not be empty; leave it out to have one generated.");
            return;
        }

        if (passcode.Length > MaxLength)
        {
            errors.Add(field, $"The meeting passcode must be at most {MaxLength} characters long.");
        }

        if (!passcode.All(IsAllowed))
        {
            errors.Add(field, "The meeting passcode may only contain letters a-z and A-Z, digits and the characters @ - _ *.");
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '-' or '_' or '*';
}
