using Ical.Net;
using Ical.Net.DataTypes;
using IcalPattern = Ical.Net.DataTypes.RecurrencePattern;

namespace Confab.Meetings.Scheduling;

/// <summary>
/// Translates a Zoom recurrence into an RFC 5545 §3.3.10 RRULE.
/// <code>
///   type 1 daily    FREQ=DAILY;INTERVAL=n
///   type 2 weekly   FREQ=WEEKLY;INTERVAL=n;BYDAY=MO,WE   (weekly_days "2,4"; 1 = Sunday)
///   type 3 monthly  FREQ=MONTHLY;INTERVAL=n;BYMONTHDAY=15 (monthly_day 15)
///                   FREQ=MONTHLY;INTERVAL=n;BYDAY=-1FR    (monthly_week -1, monthly_week_day 6)
///   end             COUNT=end_times | UNTIL=end_date_time (UTC, inclusive) | COUNT=7 when neither is given
/// </code>
/// Weekly series say WKST=SU, as Zoom counts week days from Sunday; it only matters for weekly series with an
/// interval above 1 (RFC 5545 §3.3.10, WKST). A monthly_day the month does not have (31 in April) skips that month, as
/// RFC 5545 §3.3.10 says of invalid dates ("... are ignored and MUST NOT be counted as part of the recurrence set").
/// </summary>
internal static class IcalRecurrence
{
    /// <summary>The RRULE of the series, without its end when <paramref name="withEnd"/> is false.</summary>
    /// <exception cref="ArgumentException">The rule cannot be expanded (run <see cref="RecurrenceValidator"/> first).</exception>
    public static IcalPattern ToPattern(RecurrenceRule rule, int interval, bool withEnd)
    {
        var pattern = rule.Type switch
        {
            RecurrenceLimits.Daily => new IcalPattern(FrequencyType.Daily, interval),
            RecurrenceLimits.Weekly => Weekly(rule, interval),
            RecurrenceLimits.Monthly => Monthly(rule, interval),
            _ => throw new ArgumentException($"Recurrence type {rule.Type} is not 1 (daily), 2 (weekly) or 3 (monthly).", nameof(rule)),
        };

        if (withEnd)
        {
            if (rule.EndDateTime is { } until && rule.EndTimes is null)
            {
                pattern.Until = new CalDateTime(until.UtcDateTime, CalDateTime.UtcTzId);
            }
            else
            {
                pattern.Count = rule.EndTimes ?? RecurrenceLimits.DefaultEndTimes;
            }
        }
        return pattern;
    }

    private static IcalPattern Weekly(RecurrenceRule rule, int interval)
    {
        if (!ZoomWeekDays.TryParse(rule.WeeklyDays, out var days, out var problem))
        {
            throw new ArgumentException(problem, nameof(rule));
        }

        var pattern = new IcalPattern(FrequencyType.Weekly, interval) { FirstDayOfWeek = DayOfWeek.Sunday };
        foreach (var day in days)
        {
            pattern.ByDay.Add(new WeekDay(day));
        }
        return pattern;
    }

    private static IcalPattern Monthly(RecurrenceRule rule, int interval)
    {
        var pattern = new IcalPattern(FrequencyType.Monthly, interval);
        if (rule.MonthlyDay is { } day and >= 1 and <= 31)
        {
            pattern.ByMonthDay.Add(day);
        }
        else if (rule.MonthlyWeek is { } week and (-1 or >= 1 and <= 4) && rule.MonthlyWeekDay is { } weekDay && ZoomWeekDays.IsValid(weekDay))
        {
            pattern.ByDay.Add(new WeekDay(ZoomWeekDays.ToDayOfWeek(weekDay), week));
        }
        else
        {
            throw new ArgumentException("A monthly recurrence needs monthly_day (1..31), or monthly_week (-1, 1..4) with monthly_week_day (1..7).", nameof(rule));
        }
        return pattern;
    }
}
