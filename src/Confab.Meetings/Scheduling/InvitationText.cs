namespace Confab.Meetings.Scheduling;

/// <summary>The plain-text invitation a host copies and sends, as Zoom words it.</summary>
public static class InvitationText
{
    public static string Render(MeetingCalendarEntry entry) => throw new NotImplementedException();
}
