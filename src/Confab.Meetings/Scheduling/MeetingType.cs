namespace Confab.Meetings.Scheduling;

/// <summary>Meeting types, numbered as Zoom API v2 numbers them.</summary>
public enum MeetingType
{
    Instant = 1,
    Scheduled = 2,
    RecurringNoFixedTime = 3,
    RecurringFixedTime = 8,
}
