using Confab.Meetings.Scheduling;

namespace Confab.Meetings.Tests.Scheduling;

public class InvitationTextTests
{
    private static MeetingCalendarEntry Scheduled() => new(
        MeetingId: "12345678901",
        Topic: "Quarterly review",
        Agenda: null,
        Type: MeetingType.Scheduled,
        StartTime: new DateTimeOffset(2026, 7, 14, 13, 30, 0, TimeSpan.Zero), // 09:30 EDT
        DurationMinutes: 60,
        TimeZoneId: "America/New_York",
        JoinUrl: "https://confab.example/j/12345678901?pwd=Ab12",
        Passcode: "483920",
        HostDisplayName: "Ada Host",
        Recurrence: null,
        DeletedOccurrenceIds: []);

    [Fact]
    public void Scheduled_meeting()
    {
        Assert.Equal(
            "Ada Host is inviting you to a scheduled Confab meeting.\n\n" +
            "Topic: Quarterly review\n" +
            "Time: Jul 14, 2026 09:30 AM America/New_York\n\n" +
            "Join Confab Meeting\n" +
            "https://confab.example/j/12345678901?pwd=Ab12\n\n" +
            "Meeting ID: 123 4567 8901\n" +
            "Passcode: 483920\n",
            InvitationText.Render(Scheduled()));
    }

    [Fact]
    public void Afternoon_time_and_berlin_zone()
    {
        var entry = Scheduled() with { TimeZoneId = "Europe/Berlin" };
        Assert.Contains("Time: Jul 14, 2026 03:30 PM Europe/Berlin\n", InvitationText.Render(entry), StringComparison.Ordinal);
    }

    [Fact]
    public void Weekly_series_shows_rule_last_date_and_count()
    {
        var entry = Scheduled() with
        {
            Type = MeetingType.RecurringFixedTime,
            StartTime = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero), // Mon 09:00 EST
            Recurrence = new RecurrenceRule(Type: 2, WeeklyDays: "4,2", EndTimes: 8),
        };

        Assert.Equal(
            "Ada Host is inviting you to a scheduled Confab meeting.\n\n" +
            "Topic: Quarterly review\n" +
            "Time: Mar 2, 2026 09:00 AM America/New_York\n" +
            "  Every week on Mon, Wed, until Mar 25, 2026, 8 occurrence(s)\n\n" +
            "Join Confab Meeting\n" +
            "https://confab.example/j/12345678901?pwd=Ab12\n\n" +
            "Meeting ID: 123 4567 8901\n" +
            "Passcode: 483920\n",
            InvitationText.Render(entry));
    }

    [Fact]
    public void Deleted_occurrences_are_not_counted()
    {
        var start = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        var rule = new RecurrenceRule(Type: 2, WeeklyDays: "2,4", EndTimes: 8);
        var first = OccurrenceExpander.Expand(rule, start, "America/New_York", 60)[0].OccurrenceId;
        var entry = Scheduled() with { Type = MeetingType.RecurringFixedTime, StartTime = start, Recurrence = rule, DeletedOccurrenceIds = [first] };

        var text = InvitationText.Render(entry);

        Assert.Contains("Time: Mar 4, 2026 09:00 AM America/New_York\n", text, StringComparison.Ordinal);
        Assert.Contains("  Every week on Mon, Wed, until Mar 25, 2026, 7 occurrence(s)\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, null, null, null, "Every day")]
    [InlineData(1, 3, null, null, null, "Every 3 days")]
    [InlineData(2, 2, "6", null, null, "Every 2 weeks on Fri")]
    [InlineData(3, 1, null, 1, null, "Every month on the 1st")]
    [InlineData(3, 2, null, 22, null, "Every 2 months on the 22nd")]
    [InlineData(3, 1, null, 13, null, "Every month on the 13th")]
    [InlineData(3, 1, null, null, -1, "Every month on the last Fri")]
    [InlineData(3, 3, null, null, 2, "Every 3 months on the second Fri")]
    public void Recurrence_in_words(int type, int interval, string? weeklyDays, int? monthlyDay, int? monthlyWeek, string expected)
    {
        var rule = new RecurrenceRule(type, interval, weeklyDays, monthlyDay, monthlyWeek, monthlyWeek is null ? null : 6, EndTimes: 3);
        var entry = Scheduled() with { Type = MeetingType.RecurringFixedTime, Recurrence = rule };
        Assert.Contains("\n  " + expected + ", until ", InvitationText.Render(entry), StringComparison.Ordinal);
    }

    [Fact]
    public void Personal_meeting_id_is_grouped_3_3_4_and_no_passcode_line_without_one()
    {
        var text = InvitationText.Render(Scheduled() with { MeetingId = "9876543210", Passcode = null });
        Assert.EndsWith("Meeting ID: 987 654 3210\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Passcode", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Meeting_without_a_fixed_time_says_meet_anytime()
    {
        var text = InvitationText.Render(Scheduled() with { Type = MeetingType.RecurringNoFixedTime, StartTime = null });
        Assert.Contains("Time: This is a recurring meeting Meet anytime\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Instant_meeting_without_a_start_has_no_time_line()
    {
        var text = InvitationText.Render(Scheduled() with { Type = MeetingType.Instant, StartTime = null });
        Assert.DoesNotContain("Time:", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345678901", "123 4567 8901")]
    [InlineData("9876543210", "987 654 3210")]
    [InlineData("123456789", "123 456 789")]
    [InlineData("12345", "12345")]
    [InlineData("abc", "abc")]
    public void Meeting_id_grouping(string id, string expected) => Assert.Equal(expected, MeetingIdFormat.Group(id));
}
