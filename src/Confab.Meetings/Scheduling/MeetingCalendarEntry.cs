namespace Confab.Meetings.Scheduling;

/// <summary>What the iCalendar export and the invitation text need to know of a meeting.</summary>
public sealed record MeetingCalendarEntry(
    string MeetingId,
    string Topic,
    string? Agenda,
    MeetingType Type,
    DateTimeOffset? StartTime,
    int DurationMinutes,
    string TimeZoneId,
    string JoinUrl,
    string? Passcode,
    string HostDisplayName,
    RecurrenceRule? Recurrence,
    IReadOnlyCollection<string> DeletedOccurrenceIds);
