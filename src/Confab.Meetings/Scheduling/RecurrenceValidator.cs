namespace Confab.Meetings.Scheduling;

/// <summary>Checks a recurrence for a meeting type; reports each problem under its JSON field path.</summary>
/// <remarks>
/// The rules are Zoom API v2's for the "recurrence" object of a meeting. Fields that do not belong to the chosen
/// recurrence type (say weekly_days on a daily series) are ignored, as Zoom ignores them. A series with neither
/// end_times nor end_date_time is valid: it ends after <see cref="RecurrenceLimits.DefaultEndTimes"/> occurrences.
/// </remarks>
public static class RecurrenceValidator
{
    private static readonly int[] AllowedMonthlyWeeks = [-1, 1, 2, 3, 4];

    /// <summary>Adds an error per bad field of <paramref name="rule"/> (prefix e.g. "recurrence").</summary>
    public static void Validate(RecurrenceRule rule, MeetingType type, FieldErrors errors, string prefix = "recurrence")
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(errors);
        prefix ??= "";

        if (type is not (MeetingType.RecurringNoFixedTime or MeetingType.RecurringFixedTime))
        {
            errors.Add(prefix, "A recurrence is only allowed for recurring meetings (type 3 or 8).");
            return;
        }

        if (rule.Type is not (RecurrenceLimits.Daily or RecurrenceLimits.Weekly or RecurrenceLimits.Monthly))
        {
            errors.Add(Path(prefix, "type"), "type must be 1 (daily), 2 (weekly) or 3 (monthly).");
            return;
        }

        ValidateInterval(rule, errors, prefix);
        switch (rule.Type)
        {
            case RecurrenceLimits.Weekly:
                ValidateWeekly(rule, errors, prefix);
                break;
            case RecurrenceLimits.Monthly:
                ValidateMonthly(rule, errors, prefix);
                break;
        }
        ValidateEnd(rule, errors, prefix);
    }

    /// <summary>
    /// The checks that need the meeting's start: a series whose end_date_time comes before its first occurrence
    /// would have no occurrence at all. Run after <see cref="Validate"/> passed and the zone is known to be valid.
    /// </summary>
    public static void ValidateAgainstStart(
        RecurrenceRule rule, DateTimeOffset firstStart, string timeZoneId, FieldErrors errors, string prefix = "recurrence")
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(errors);
        if (rule.EndDateTime is null || rule.EndTimes is not null)
        {
            return;
        }

        try
        {
            if (OccurrenceExpander.Expand(rule, firstStart, timeZoneId, 0, maxOccurrences: 1).Count == 0)
            {
                errors.Add(Path(prefix ?? "", "end_date_time"), "end_date_time is before the first occurrence, so the meeting would never take place.");
            }
        }
        catch (ArgumentException)
        {
            // An invalid rule or zone is reported by Validate and by the time-zone check.
        }
    }

    private static void ValidateInterval(RecurrenceRule rule, FieldErrors errors, string prefix)
    {
        var max = RecurrenceLimits.MaxInterval(rule.Type);
        if (rule.RepeatInterval < 1 || rule.RepeatInterval > max)
        {
            errors.Add(Path(prefix, "repeat_interval"), $"repeat_interval must be between 1 and {max} for a {TypeName(rule.Type)} recurrence.");
        }
    }

    private static void ValidateWeekly(RecurrenceRule rule, FieldErrors errors, string prefix)
    {
        if (!ZoomWeekDays.TryParse(rule.WeeklyDays, out _, out var problem))
        {
            errors.Add(Path(prefix, "weekly_days"), problem);
        }
    }

    private static void ValidateMonthly(RecurrenceRule rule, FieldErrors errors, string prefix)
    {
        var byWeek = rule.MonthlyWeek is not null || rule.MonthlyWeekDay is not null;
        if (rule.MonthlyDay is not null && byWeek)
        {
            errors.Add(Path(prefix, "monthly_day"), "Give either monthly_day, or monthly_week with monthly_week_day, not both.");
            return;
        }

        if (rule.MonthlyDay is { } day)
        {
            if (day is < 1 or > 31)
            {
                errors.Add(Path(prefix, "monthly_day"), "monthly_day must be a day of the month between 1 and 31.");
            }
            return;
        }

        if (!byWeek)
        {
            errors.Add(Path(prefix, "monthly_day"), "A monthly recurrence needs monthly_day (1..31), or monthly_week with monthly_week_day.");
            return;
        }

        if (rule.MonthlyWeek is not { } week)
        {
            errors.Add(Path(prefix, "monthly_week"), "monthly_week is required with monthly_week_day: -1 (last), 1, 2, 3 or 4.");
        }
        else if (Array.IndexOf(AllowedMonthlyWeeks, week) < 0)
        {
            errors.Add(Path(prefix, "monthly_week"), "monthly_week must be -1 (last week), 1, 2, 3 or 4.");
        }

        if (rule.MonthlyWeekDay is not { } weekDay)
        {
            errors.Add(Path(prefix, "monthly_week_day"), "monthly_week_day is required with monthly_week: a day 1..7 (1 = Sunday).");
        }
        else if (!ZoomWeekDays.IsValid(weekDay))
        {
            errors.Add(Path(prefix, "monthly_week_day"), "monthly_week_day must be a day 1..7 (1 = Sunday, 7 = Saturday).");
        }
    }

    private static void ValidateEnd(RecurrenceRule rule, FieldErrors errors, string prefix)
    {
        if (rule.EndTimes is not null && rule.EndDateTime is not null)
        {
            errors.Add(Path(prefix, "end_date_time"), "Give either end_times or end_date_time, not both.");
        }

        if (rule.EndTimes is { } times)
        {
            var max = RecurrenceLimits.MaxOccurrences(rule.Type);
            if (times < 1 || times > max)
            {
                errors.Add(Path(prefix, "end_times"), $"end_times must be between 1 and {max} for a {TypeName(rule.Type)} recurrence.");
            }
        }
    }

    private static string TypeName(int recurrenceType) => recurrenceType switch
    {
        RecurrenceLimits.Daily => "daily",
        RecurrenceLimits.Weekly => "weekly",
        _ => "monthly",
    };

    private static string Path(string prefix, string field) => prefix.Length == 0 ? field : prefix + "." + field;
}
