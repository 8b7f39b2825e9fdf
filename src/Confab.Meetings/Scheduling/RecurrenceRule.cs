namespace Confab.Meetings.Scheduling;

/// <summary>
/// A meeting's recurrence in Zoom API v2 terms. <see cref="Type"/>: 1 daily, 2 weekly, 3 monthly.
/// <see cref="WeeklyDays"/>: comma-separated "1".."7" with 1 = Sunday. <see cref="MonthlyWeek"/>: -1 (last), 1..4.
/// <see cref="MonthlyWeekDay"/>: 1..7 with 1 = Sunday. Either <see cref="EndTimes"/> or <see cref="EndDateTime"/> ends it.
/// </summary>
public sealed record RecurrenceRule(
    int Type,
    int RepeatInterval = 1,
    string? WeeklyDays = null,
    int? MonthlyDay = null,
    int? MonthlyWeek = null,
    int? MonthlyWeekDay = null,
    int? EndTimes = null,
    DateTimeOffset? EndDateTime = null);
