using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Tests.Scheduling;

public class RecurrenceValidatorTests
{
    private static readonly DateTimeOffset Until = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, RecurrenceRule, MeetingType> ValidRules => new()
    {
        { "daily, interval 1, 7 times", new(Type: 1, EndTimes: 7), MeetingType.RecurringFixedTime },
        { "daily, interval 90 (max)", new(Type: 1, RepeatInterval: 90, EndTimes: 1), MeetingType.RecurringFixedTime },
        { "daily, 60 times (max)", new(Type: 1, EndTimes: 60), MeetingType.RecurringFixedTime },
        { "daily, until a date", new(Type: 1, EndDateTime: Until), MeetingType.RecurringFixedTime },
        { "daily, no end: Zoom's default of 7", new(Type: 1), MeetingType.RecurringFixedTime },
        { "daily for a meeting with no fixed time", new(Type: 1), MeetingType.RecurringNoFixedTime },
        { "weekly, one day", new(Type: 2, WeeklyDays: "1"), MeetingType.RecurringFixedTime },
        { "weekly, every day of the week", new(Type: 2, WeeklyDays: "1,2,3,4,5,6,7"), MeetingType.RecurringFixedTime },
        { "weekly, spaces tolerated", new(Type: 2, WeeklyDays: "2, 4"), MeetingType.RecurringFixedTime },
        { "weekly, interval 12 (max), 50 times (max)", new(Type: 2, RepeatInterval: 12, WeeklyDays: "7", EndTimes: 50), MeetingType.RecurringFixedTime },
        { "monthly by day 1", new(Type: 3, MonthlyDay: 1), MeetingType.RecurringFixedTime },
        { "monthly by day 31", new(Type: 3, MonthlyDay: 31), MeetingType.RecurringFixedTime },
        { "monthly, interval 3 (max)", new(Type: 3, RepeatInterval: 3, MonthlyDay: 15), MeetingType.RecurringFixedTime },
        { "monthly, last Friday", new(Type: 3, MonthlyWeek: -1, MonthlyWeekDay: 6), MeetingType.RecurringFixedTime },
        { "monthly, fourth Saturday", new(Type: 3, MonthlyWeek: 4, MonthlyWeekDay: 7), MeetingType.RecurringFixedTime },
        { "weekly_days ignored on a daily series, as Zoom does", new(Type: 1, WeeklyDays: "junk"), MeetingType.RecurringFixedTime },
    };

    [Theory]
    [MemberData(nameof(ValidRules))]
    public void Accepts(string because, RecurrenceRule rule, MeetingType type)
    {
        var errors = new FieldErrors();
        RecurrenceValidator.Validate(rule, type, errors);
        Assert.True(errors.IsEmpty, because + ": " + string.Join("; ", errors.ToDictionary().SelectMany(kv => kv.Value)));
    }

    public static TheoryData<string, RecurrenceRule, MeetingType, string[]> InvalidRules => new()
    {
        { "recurrence on an instant meeting", new(Type: 1), MeetingType.Instant, ["recurrence"] },
        { "recurrence on a scheduled meeting", new(Type: 1), MeetingType.Scheduled, ["recurrence"] },
        { "type 0", new(Type: 0), MeetingType.RecurringFixedTime, ["recurrence.type"] },
        { "type 4", new(Type: 4), MeetingType.RecurringFixedTime, ["recurrence.type"] },
        { "daily interval 0", new(Type: 1, RepeatInterval: 0), MeetingType.RecurringFixedTime, ["recurrence.repeat_interval"] },
        { "daily interval 91", new(Type: 1, RepeatInterval: 91), MeetingType.RecurringFixedTime, ["recurrence.repeat_interval"] },
        { "weekly interval 13", new(Type: 2, RepeatInterval: 13, WeeklyDays: "2"), MeetingType.RecurringFixedTime, ["recurrence.repeat_interval"] },
        { "monthly interval 4", new(Type: 3, RepeatInterval: 4, MonthlyDay: 1), MeetingType.RecurringFixedTime, ["recurrence.repeat_interval"] },
        { "monthly interval -1", new(Type: 3, RepeatInterval: -1, MonthlyDay: 1), MeetingType.RecurringFixedTime, ["recurrence.repeat_interval"] },
        { "weekly without days", new(Type: 2), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly with empty days", new(Type: 2, WeeklyDays: ""), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly day 0", new(Type: 2, WeeklyDays: "0"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly day 8", new(Type: 2, WeeklyDays: "1,8"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly repeated day", new(Type: 2, WeeklyDays: "2,3,2"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly empty entry", new(Type: 2, WeeklyDays: "2,,3"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly trailing comma", new(Type: 2, WeeklyDays: "2,"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly two-digit entry", new(Type: 2, WeeklyDays: "12"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly signed entry", new(Type: 2, WeeklyDays: "+2"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "weekly day names", new(Type: 2, WeeklyDays: "MO,WE"), MeetingType.RecurringFixedTime, ["recurrence.weekly_days"] },
        { "monthly with nothing", new(Type: 3), MeetingType.RecurringFixedTime, ["recurrence.monthly_day"] },
        { "monthly day 0", new(Type: 3, MonthlyDay: 0), MeetingType.RecurringFixedTime, ["recurrence.monthly_day"] },
        { "monthly day 32", new(Type: 3, MonthlyDay: 32), MeetingType.RecurringFixedTime, ["recurrence.monthly_day"] },
        { "monthly day and week both", new(Type: 3, MonthlyDay: 5, MonthlyWeek: 1, MonthlyWeekDay: 2), MeetingType.RecurringFixedTime, ["recurrence.monthly_day"] },
        { "monthly week without week day", new(Type: 3, MonthlyWeek: 2), MeetingType.RecurringFixedTime, ["recurrence.monthly_week_day"] },
        { "monthly week day without week", new(Type: 3, MonthlyWeekDay: 2), MeetingType.RecurringFixedTime, ["recurrence.monthly_week"] },
        { "monthly week 0", new(Type: 3, MonthlyWeek: 0, MonthlyWeekDay: 2), MeetingType.RecurringFixedTime, ["recurrence.monthly_week"] },
        { "monthly week 5", new(Type: 3, MonthlyWeek: 5, MonthlyWeekDay: 2), MeetingType.RecurringFixedTime, ["recurrence.monthly_week"] },
        { "monthly week -2", new(Type: 3, MonthlyWeek: -2, MonthlyWeekDay: 2), MeetingType.RecurringFixedTime, ["recurrence.monthly_week"] },
        { "monthly week day 0", new(Type: 3, MonthlyWeek: 1, MonthlyWeekDay: 0), MeetingType.RecurringFixedTime, ["recurrence.monthly_week_day"] },
        { "monthly week day 8", new(Type: 3, MonthlyWeek: 1, MonthlyWeekDay: 8), MeetingType.RecurringFixedTime, ["recurrence.monthly_week_day"] },
        { "end_times 0", new(Type: 1, EndTimes: 0), MeetingType.RecurringFixedTime, ["recurrence.end_times"] },
        { "daily end_times 61", new(Type: 1, EndTimes: 61), MeetingType.RecurringFixedTime, ["recurrence.end_times"] },
        { "weekly end_times 51", new(Type: 2, WeeklyDays: "2", EndTimes: 51), MeetingType.RecurringFixedTime, ["recurrence.end_times"] },
        { "monthly end_times 51", new(Type: 3, MonthlyDay: 1, EndTimes: 51), MeetingType.RecurringFixedTime, ["recurrence.end_times"] },
        { "end_times and end_date_time", new(Type: 1, EndTimes: 3, EndDateTime: Until), MeetingType.RecurringFixedTime, ["recurrence.end_date_time"] },
        {
            "several problems at once",
            new(Type: 2, RepeatInterval: 20, WeeklyDays: "9", EndTimes: 99, EndDateTime: Until),
            MeetingType.RecurringFixedTime,
            ["recurrence.end_date_time", "recurrence.end_times", "recurrence.repeat_interval", "recurrence.weekly_days"]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Refuses(string because, RecurrenceRule rule, MeetingType type, string[] expectedFields)
    {
        var errors = new FieldErrors();
        RecurrenceValidator.Validate(rule, type, errors);

        var reported = errors.ToDictionary();
        Assert.False(errors.IsEmpty, because);
        Assert.Equal(expectedFields.Order(StringComparer.Ordinal), reported.Keys.Order(StringComparer.Ordinal));
        Assert.All(reported.Values.SelectMany(v => v), message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Fact]
    public void Prefix_names_the_fields()
    {
        var errors = new FieldErrors();
        RecurrenceValidator.Validate(new RecurrenceRule(Type: 2, WeeklyDays: "8"), MeetingType.RecurringFixedTime, errors, "meetings[0].recurrence");
        Assert.Equal(["meetings[0].recurrence.weekly_days"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Messages_say_what_is_allowed()
    {
        var errors = new FieldErrors();
        RecurrenceValidator.Validate(new RecurrenceRule(Type: 2, RepeatInterval: 13, WeeklyDays: "2,2"), MeetingType.RecurringFixedTime, errors);
        var reported = errors.ToDictionary();
        Assert.Equal("repeat_interval must be between 1 and 12 for a weekly recurrence.", Assert.Single(reported["recurrence.repeat_interval"]));
        Assert.Equal("weekly_days lists day 2 more than once.", Assert.Single(reported["recurrence.weekly_days"]));
    }

    [Fact]
    public void End_date_before_the_first_occurrence_is_refused_once_the_start_is_known()
    {
        // Mondays from Wednesday Jan 7, 2026: the first occurrence is Jan 12.
        var start = new DateTimeOffset(2026, 1, 7, 9, 0, 0, TimeSpan.Zero);
        var tooEarly = new RecurrenceRule(Type: 2, WeeklyDays: "2", EndDateTime: new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.Zero));
        var justRight = tooEarly with { EndDateTime = new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero) };

        var errors = new FieldErrors();
        RecurrenceValidator.ValidateAgainstStart(tooEarly, start, "UTC", errors);
        Assert.Equal(["recurrence.end_date_time"], errors.ToDictionary().Keys);

        var none = new FieldErrors();
        RecurrenceValidator.ValidateAgainstStart(justRight, start, "UTC", none);
        RecurrenceValidator.ValidateAgainstStart(new RecurrenceRule(Type: 2, WeeklyDays: "9"), start, "UTC", none);
        RecurrenceValidator.ValidateAgainstStart(tooEarly, start, "Not/AZone", none);
        Assert.True(none.IsEmpty);
    }
}
