namespace Confab.Meetings.Scheduling;

/// <summary>The bounds Zoom API v2 puts on a meeting's recurrence object.</summary>
public static class RecurrenceLimits
{
    public const int Daily = 1;
    public const int Weekly = 2;
    public const int Monthly = 3;

    public const int MaxDailyInterval = 90;
    public const int MaxWeeklyInterval = 12;
    public const int MaxMonthlyInterval = 3;

    /// <summary>A daily series has at most 60 occurrences.</summary>
    public const int MaxDailyOccurrences = 60;

    /// <summary>Weekly and monthly series have at most 50 occurrences.</summary>
    public const int MaxOtherOccurrences = 50;

    /// <summary>Zoom ends a series after 7 occurrences when neither end_times nor end_date_time is given.</summary>
    public const int DefaultEndTimes = 7;

    /// <summary>The largest repeat_interval Zoom accepts for a recurrence type, or 0 for an unknown type.</summary>
    public static int MaxInterval(int recurrenceType) => recurrenceType switch
    {
        Daily => MaxDailyInterval,
        Weekly => MaxWeeklyInterval,
        Monthly => MaxMonthlyInterval,
        _ => 0,
    };

    /// <summary>The most occurrences a series of this recurrence type can have (60 daily, 50 otherwise).</summary>
    public static int MaxOccurrences(int recurrenceType) =>
        recurrenceType == Daily ? MaxDailyOccurrences : MaxOtherOccurrences;
}
