using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Accounts;

/// <summary>Meeting passcodes as Zoom accepts them: at most 10 characters of [a-zA-Z0-9@-_*].</summary>
public static class MeetingPasscodePolicy
{
    public static void Validate(string? passcode, FieldErrors errors, string field = "password") =>
        throw new NotImplementedException();
}
