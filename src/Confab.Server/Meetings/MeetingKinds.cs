using Confab.Meetings.Scheduling;

namespace Confab.Server.Meetings;

/// <summary>The words stored in meetings.meeting_type and meetings.status, and the statuses the API shows.</summary>
public static class MeetingKinds
{
    public const string StatusScheduled = "scheduled";
    public const string StatusStarted = "started";
    public const string StatusEnded = "ended";

    public static string StoredType(MeetingType type) => type switch
    {
        MeetingType.Instant => "instant",
        MeetingType.Scheduled => "scheduled",
        _ => "recurring",
    };

    /// <summary>Zoom shows "waiting" before start, "started" while live; "finished" once ended.</summary>
    public static string ApiStatus(string stored) => stored switch
    {
        StatusStarted => "started",
        StatusEnded => "finished",
        _ => "waiting",
    };

    public static bool IsKnownType(int code) =>
        code is (int)MeetingType.Instant or (int)MeetingType.Scheduled or (int)MeetingType.RecurringNoFixedTime
            or (int)MeetingType.RecurringFixedTime;

    /// <summary>Zoom's caps on a series: 60 occurrences for daily, 50 otherwise.</summary>
    public static int MaxOccurrences(RecurrenceRule rule) => rule.Type == 1 ? 60 : 50;
}
