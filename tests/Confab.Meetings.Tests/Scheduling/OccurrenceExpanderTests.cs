using System.Globalization;
using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Tests.Scheduling;

public class OccurrenceExpanderTests
{
    private const string NewYork = "America/New_York";
    private const string Berlin = "Europe/Berlin";
    private const string Utc = "UTC";

    // 2026 calendar facts used below: Jan 1 is a Thursday, Feb 1 and Mar 1 are Sundays, Sep 1 a Tuesday,
    // Oct 1 a Thursday, Nov 1 a Sunday. US DST: Mar 8 and Nov 1. EU DST: Mar 29 and Oct 25.

    private static DateTimeOffset Z(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTimeOffset[] Starts(RecurrenceRule rule, DateTimeOffset firstStart, string zone, int max = 60) =>
        OccurrenceExpander.Expand(rule, firstStart, zone, 30, max).Select(o => o.StartTime).ToArray();

    [Fact]
    public void Daily()
    {
        var starts = Starts(new RecurrenceRule(Type: 1, EndTimes: 3), Z(1, 5, 10), Utc);
        Assert.Equal([Z(1, 5, 10), Z(1, 6, 10), Z(1, 7, 10)], starts);
    }

    [Fact]
    public void Daily_every_third_day()
    {
        var starts = Starts(new RecurrenceRule(Type: 1, RepeatInterval: 3, EndTimes: 4), Z(1, 1, 10), Utc);
        Assert.Equal([Z(1, 1, 10), Z(1, 4, 10), Z(1, 7, 10), Z(1, 10, 10)], starts);
    }

    [Fact]
    public void Weekly_on_several_days()
    {
        // Mon, Wed, Fri from Monday Jan 5.
        var starts = Starts(new RecurrenceRule(Type: 2, WeeklyDays: "2,4,6", EndTimes: 5), Z(1, 5, 15, 30), Utc);
        Assert.Equal([Z(1, 5, 15, 30), Z(1, 7, 15, 30), Z(1, 9, 15, 30), Z(1, 12, 15, 30), Z(1, 14, 15, 30)], starts);
    }

    [Fact]
    public void Weekly_starting_on_a_day_not_in_the_rule_starts_on_the_next_matching_day()
    {
        // Mon and Thu, asked to start on Wednesday Jan 7: Thu Jan 8 is first, and end_times counts from there.
        var starts = Starts(new RecurrenceRule(Type: 2, WeeklyDays: "5,2", EndTimes: 3), Z(1, 7, 9), Utc);
        Assert.Equal([Z(1, 8, 9), Z(1, 12, 9), Z(1, 15, 9)], starts);
    }

    [Fact]
    public void Weekly_every_other_week()
    {
        var starts = Starts(new RecurrenceRule(Type: 2, RepeatInterval: 2, WeeklyDays: "2", EndTimes: 3), Z(1, 5, 9), Utc);
        Assert.Equal([Z(1, 5, 9), Z(1, 19, 9), Z(2, 2, 9)], starts);
    }

    [Fact]
    public void Weekly_every_other_week_counts_from_the_next_matching_day()
    {
        // Mondays every 2 weeks, asked to start Wednesday Jan 7: the series is Jan 12, Jan 26, Feb 9.
        var starts = Starts(new RecurrenceRule(Type: 2, RepeatInterval: 2, WeeklyDays: "2", EndTimes: 3), Z(1, 7, 9), Utc);
        Assert.Equal([Z(1, 12, 9), Z(1, 26, 9), Z(2, 9, 9)], starts);
    }

    [Fact]
    public void Weekly_weeks_start_on_sunday_as_zoom_counts_days()
    {
        // Every 2 weeks on Sun and Mon from Sun Jan 4: with Sunday-first weeks (WKST=SU) Jan 4 and 5 share a week.
        // (Monday-first weeks would give Jan 4, Jan 12, Jan 18, Jan 26.)
        var starts = Starts(new RecurrenceRule(Type: 2, RepeatInterval: 2, WeeklyDays: "1,2", EndTimes: 4), Z(1, 4, 9), Utc);
        Assert.Equal([Z(1, 4, 9), Z(1, 5, 9), Z(1, 18, 9), Z(1, 19, 9)], starts);
    }

    [Fact]
    public void Monthly_by_day_starting_after_that_day_begins_next_month()
    {
        var starts = Starts(new RecurrenceRule(Type: 3, MonthlyDay: 15, EndTimes: 3), Z(1, 20, 12), Utc);
        Assert.Equal([Z(2, 15, 12), Z(3, 15, 12), Z(4, 15, 12)], starts);
    }

    [Fact]
    public void Monthly_on_day_31_skips_months_without_one()
    {
        // RFC 5545 §3.3.10: invalid dates are ignored, so Feb, Apr and Jun have no occurrence.
        var starts = Starts(new RecurrenceRule(Type: 3, MonthlyDay: 31, EndTimes: 4), Z(1, 1, 12), Utc);
        Assert.Equal([Z(1, 31, 12), Z(3, 31, 12), Z(5, 31, 12), Z(7, 31, 12)], starts);
    }

    [Fact]
    public void Monthly_every_second_month()
    {
        var starts = Starts(new RecurrenceRule(Type: 3, RepeatInterval: 2, MonthlyDay: 10, EndTimes: 3), Z(1, 1, 12), Utc);
        Assert.Equal([Z(1, 10, 12), Z(3, 10, 12), Z(5, 10, 12)], starts);
    }

    [Fact]
    public void Monthly_on_the_second_tuesday()
    {
        var starts = Starts(new RecurrenceRule(Type: 3, MonthlyWeek: 2, MonthlyWeekDay: 3, EndTimes: 3), Z(1, 1, 12), Utc);
        Assert.Equal([Z(1, 13, 12), Z(2, 10, 12), Z(3, 10, 12)], starts);
    }

    [Fact]
    public void Monthly_on_the_last_friday()
    {
        var starts = Starts(new RecurrenceRule(Type: 3, MonthlyWeek: -1, MonthlyWeekDay: 6, EndTimes: 3), Z(1, 1, 12), Utc);
        Assert.Equal([Z(1, 30, 12), Z(2, 27, 12), Z(3, 27, 12)], starts);
    }

    [Fact]
    public void End_date_time_is_inclusive()
    {
        var through = Starts(new RecurrenceRule(Type: 1, EndDateTime: Z(1, 4, 10)), Z(1, 1, 10), Utc);
        Assert.Equal([Z(1, 1, 10), Z(1, 2, 10), Z(1, 3, 10), Z(1, 4, 10)], through);

        var justBefore = Starts(new RecurrenceRule(Type: 1, EndDateTime: Z(1, 4, 9, 59)), Z(1, 1, 10), Utc);
        Assert.Equal([Z(1, 1, 10), Z(1, 2, 10), Z(1, 3, 10)], justBefore);
    }

    [Fact]
    public void End_date_time_with_an_offset_is_an_instant()
    {
        // 2026-01-03T05:00-05:00 is 10:00Z: the Jan 3 10:00Z occurrence is the last.
        var until = new DateTimeOffset(2026, 1, 3, 5, 0, 0, TimeSpan.FromHours(-5));
        var starts = Starts(new RecurrenceRule(Type: 1, EndDateTime: until), Z(1, 1, 10), Utc);
        Assert.Equal([Z(1, 1, 10), Z(1, 2, 10), Z(1, 3, 10)], starts);
    }

    [Fact]
    public void Without_an_end_the_series_has_Zooms_default_of_seven()
    {
        var starts = Starts(new RecurrenceRule(Type: 1), Z(1, 1, 10), Utc);
        Assert.Equal(7, starts.Length);
        Assert.Equal(Z(1, 7, 10), starts[^1]);
    }

    [Fact]
    public void Caps_at_max_occurrences()
    {
        Assert.Equal(10, Starts(new RecurrenceRule(Type: 1, EndTimes: 60), Z(1, 1, 10), Utc, max: 10).Length);
        Assert.Equal(50, Starts(new RecurrenceRule(Type: 2, WeeklyDays: "1,2,3,4,5,6,7", EndDateTime: Z(12, 31, 0)), Z(1, 1, 10), Utc, max: 50).Length);
        Assert.Empty(Starts(new RecurrenceRule(Type: 1, EndTimes: 3), Z(1, 1, 10), Utc, max: 0));
    }

    [Fact]
    public void New_York_daily_keeps_nine_oclock_across_the_march_change()
    {
        // 09:00 EST = 14:00Z until Sat Mar 7; from Sun Mar 8 09:00 EDT = 13:00Z.
        var starts = Starts(new RecurrenceRule(Type: 1, EndTimes: 5), Z(3, 6, 14), NewYork);
        Assert.Equal([Z(3, 6, 14), Z(3, 7, 14), Z(3, 8, 13), Z(3, 9, 13), Z(3, 10, 13)], starts);
    }

    [Fact]
    public void New_York_weekly_keeps_nine_oclock_across_the_november_change()
    {
        // Mondays at 09:00: Oct 26 EDT = 13:00Z; after Nov 1, EST = 14:00Z.
        var starts = Starts(new RecurrenceRule(Type: 2, WeeklyDays: "2", EndTimes: 3), Z(10, 26, 13), NewYork);
        Assert.Equal([Z(10, 26, 13), Z(11, 2, 14), Z(11, 9, 14)], starts);
    }

    [Fact]
    public void New_York_weekly_on_the_change_day_itself()
    {
        // Sundays at 09:00 from Mar 1: Mar 1 EST 14:00Z, Mar 8 (change at 02:00) EDT 13:00Z.
        var starts = Starts(new RecurrenceRule(Type: 2, WeeklyDays: "1", EndTimes: 3), Z(3, 1, 14), NewYork);
        Assert.Equal([Z(3, 1, 14), Z(3, 8, 13), Z(3, 15, 13)], starts);
    }

    [Fact]
    public void Berlin_daily_keeps_nine_oclock_across_the_march_change()
    {
        // 09:00 CET = 08:00Z until Sat Mar 28; from Sun Mar 29 09:00 CEST = 07:00Z.
        var starts = Starts(new RecurrenceRule(Type: 1, EndTimes: 4), Z(3, 27, 8), Berlin);
        Assert.Equal([Z(3, 27, 8), Z(3, 28, 8), Z(3, 29, 7), Z(3, 30, 7)], starts);
    }

    [Fact]
    public void Berlin_monthly_last_sunday_across_the_october_change()
    {
        // Last Sunday at 10:00 from Sep 1: Sep 27 CEST = 08:00Z; Oct 25 (change at 03:00) CET = 09:00Z; Nov 29 CET.
        var starts = Starts(new RecurrenceRule(Type: 3, MonthlyWeek: -1, MonthlyWeekDay: 1, EndTimes: 3), Z(9, 1, 8), Berlin);
        Assert.Equal([Z(9, 27, 8), Z(10, 25, 9), Z(11, 29, 9)], starts);
    }

    [Fact]
    public void First_start_is_read_in_the_meetings_zone()
    {
        // 03:00Z on Tue Jan 6 is still Mon Jan 5, 22:00 in New York: a Monday series starts that evening.
        var starts = Starts(new RecurrenceRule(Type: 2, WeeklyDays: "2", EndTimes: 2), Z(1, 6, 3), NewYork);
        Assert.Equal([Z(1, 6, 3), Z(1, 13, 3)], starts);
    }

    [Fact]
    public void Occurrences_carry_unix_millisecond_ids_duration_and_status()
    {
        var occurrences = OccurrenceExpander.Expand(new RecurrenceRule(Type: 1, EndTimes: 2), Z(3, 7, 14), NewYork, 45);

        Assert.Equal(2, occurrences.Count);
        Assert.Equal("1772892000000", occurrences[0].OccurrenceId); // 2026-03-07T14:00:00Z
        Assert.Equal("1772974800000", occurrences[1].OccurrenceId); // 2026-03-08T13:00:00Z
        Assert.All(occurrences, o =>
        {
            Assert.Equal(45, o.Duration);
            Assert.Equal("available", o.Status);
            Assert.Equal(TimeSpan.Zero, o.StartTime.Offset);
            Assert.Equal(o.StartTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), o.OccurrenceId);
        });
    }

    [Fact]
    public void Occurrence_ids_parse_back()
    {
        Assert.True(OccurrenceExpander.TryParseOccurrenceId("1772892000000", out var start));
        Assert.Equal(Z(3, 7, 14), start);
        Assert.False(OccurrenceExpander.TryParseOccurrenceId("", out _));
        Assert.False(OccurrenceExpander.TryParseOccurrenceId("-5", out _));
        Assert.False(OccurrenceExpander.TryParseOccurrenceId("12ab", out _));
        Assert.False(OccurrenceExpander.TryParseOccurrenceId("9999999999999999", out _));
    }

    [Fact]
    public void Unknown_zone_or_invalid_rule_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => OccurrenceExpander.Expand(new RecurrenceRule(Type: 1), Z(1, 1, 0), "Mars/Base", 30));
        Assert.Throws<ArgumentException>(() => OccurrenceExpander.Expand(new RecurrenceRule(Type: 9), Z(1, 1, 0), Utc, 30));
        Assert.Throws<ArgumentException>(() => OccurrenceExpander.Expand(new RecurrenceRule(Type: 2, WeeklyDays: "8"), Z(1, 1, 0), Utc, 30));
        Assert.Throws<ArgumentException>(() => OccurrenceExpander.Expand(new RecurrenceRule(Type: 3), Z(1, 1, 0), Utc, 30));
    }
}
