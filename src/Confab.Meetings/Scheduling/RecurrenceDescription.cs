using System.Globalization;

namespace Confab.Meetings.Scheduling;

/// <summary>A recurrence in the words Zoom's invitations use: "Every 2 weeks on Mon, Thu".</summary>
internal static class RecurrenceDescription
{
    private static readonly string[] WeekOrdinals = ["", "first", "second", "third", "fourth"];

    /// <summary>The rule in words, or null for a rule that cannot be described (invalid).</summary>
    public static string? Describe(RecurrenceRule rule)
    {
        var n = rule.RepeatInterval;
        switch (rule.Type)
        {
            case RecurrenceLimits.Daily:
                return n == 1 ? "Every day" : $"Every {n} days";

            case RecurrenceLimits.Weekly:
                if (!ZoomWeekDays.TryParse(rule.WeeklyDays, out var days, out _))
                {
                    return null;
                }
                var names = string.Join(", ", days.Select(ShortDayName));
                return (n == 1 ? "Every week" : $"Every {n} weeks") + " on " + names;

            case RecurrenceLimits.Monthly:
                var every = n == 1 ? "Every month" : $"Every {n} months";
                if (rule.MonthlyDay is { } day and >= 1 and <= 31)
                {
                    return $"{every} on the {Ordinal(day)}";
                }
                if (rule.MonthlyWeek is { } week and (-1 or >= 1 and <= 4) && rule.MonthlyWeekDay is { } weekDay && ZoomWeekDays.IsValid(weekDay))
                {
                    var which = week == -1 ? "last" : WeekOrdinals[week];
                    return $"{every} on the {which} {ShortDayName(ZoomWeekDays.ToDayOfWeek(weekDay))}";
                }
                return null;

            default:
                return null;
        }
    }

    /// <summary>"Mon", "Tue", ... in English whatever the server's culture.</summary>
    public static string ShortDayName(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    /// <summary>1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st, 22nd, 23rd ... 31st.</summary>
    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }
}
