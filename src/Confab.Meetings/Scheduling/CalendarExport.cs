namespace Confab.Meetings.Scheduling;

/// <summary>RFC 5545 iCalendar export of a meeting, with its recurrence as an RRULE in the meeting's zone.</summary>
public static class CalendarExport
{
    /// <summary>A complete VCALENDAR (CRLF line endings, folded lines) with one VEVENT.</summary>
    public static string ToIcs(MeetingCalendarEntry entry) => throw new NotImplementedException();
}
