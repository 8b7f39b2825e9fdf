using Confab.Meetings.Scheduling;

namespace Confab.Server.Meetings;

/// <summary>A checked, complete description of a meeting, ready to be stored.</summary>
public sealed record MeetingDraft(
    string Topic,
    MeetingType Type,
    DateTime? StartUtc,
    int DurationMinutes,
    string TimeZoneId,
    string? Agenda,
    RecurrenceRule? Recurrence,
    MeetingSettings Settings,
    IReadOnlyList<Occurrence> Occurrences);
