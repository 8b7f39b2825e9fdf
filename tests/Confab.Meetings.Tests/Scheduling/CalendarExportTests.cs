using System.Text;
using Confab.Meetings.Scheduling;
using Ical.Net;

namespace Confab.Meetings.Tests.Scheduling;

public class CalendarExportTests
{
    private const int MaxOctetsPerLine = 75; // RFC 5545 §3.1, excluding the CRLF
    private static readonly DateTimeOffset Stamp = new(2026, 2, 20, 8, 30, 15, TimeSpan.Zero);

    private static MeetingCalendarEntry Weekly(
        string topic = "Weekly sync",
        RecurrenceRule? rule = null,
        IReadOnlyCollection<string>? deleted = null,
        string zone = "America/New_York") => new(
        MeetingId: "12345678901",
        Topic: topic,
        Agenda: "Status, risks; next steps",
        Type: MeetingType.RecurringFixedTime,
        StartTime: new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero), // Mon 09:00 EST
        DurationMinutes: 45,
        TimeZoneId: zone,
        JoinUrl: "https://confab.example/j/12345678901?pwd=Ab12",
        Passcode: "483920",
        HostDisplayName: "Ada Host",
        Recurrence: rule ?? new RecurrenceRule(Type: 2, WeeklyDays: "2,4", EndTimes: 8),
        DeletedOccurrenceIds: deleted ?? []);

    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);

    private static string[] Lines(string ics) => Unfold(ics).Split("\r\n");

    [Fact]
    public void Calendar_and_event_properties()
    {
        var lines = Lines(CalendarExport.ToIcs(Weekly(), Stamp));

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("", lines[^1]); // the text ends with CRLF
        Assert.Equal("END:VCALENDAR", lines[^2]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("METHOD:PUBLISH", lines);
        Assert.Contains("PRODID:-//Confab//Confab Meetings//EN", lines);
        Assert.Contains("UID:12345678901@confab", lines);
        Assert.Contains("DTSTAMP:20260220T083015Z", lines);
        Assert.Contains("DTSTART;TZID=America/New_York:20260302T090000", lines);
        Assert.Contains("DURATION:PT45M", lines);
        Assert.Contains("SUMMARY:Weekly sync", lines);
        Assert.Contains("URL:https://confab.example/j/12345678901?pwd=Ab12", lines);
        Assert.Contains("LOCATION:https://confab.example/j/12345678901?pwd=Ab12", lines);
        Assert.Contains("RRULE:FREQ=WEEKLY;WKST=SU;COUNT=8;BYDAY=MO,WE", lines);
        Assert.Equal(1, lines.Count(l => l == "BEGIN:VEVENT"));
    }

    [Fact]
    public void Carries_a_vtimezone_for_the_zone_before_the_event()
    {
        var lines = Lines(CalendarExport.ToIcs(Weekly(), Stamp)).ToList();

        var zoneStart = lines.IndexOf("BEGIN:VTIMEZONE");
        Assert.True(zoneStart > 0);
        Assert.True(zoneStart < lines.IndexOf("BEGIN:VEVENT"));
        Assert.Equal("TZID:America/New_York", lines[zoneStart + 1]);
        Assert.Contains("BEGIN:DAYLIGHT", lines);
        Assert.Contains("BEGIN:STANDARD", lines);
        Assert.Contains("TZOFFSETTO:-0400", lines);
        Assert.Contains("TZOFFSETTO:-0500", lines);
    }

    [Fact]
    public void Description_has_join_url_meeting_id_and_passcode()
    {
        var calendar = Calendar.Load(CalendarExport.ToIcs(Weekly(), Stamp))!;
        Assert.Equal(
            "Status, risks; next steps\n\nJoin Confab Meeting\nhttps://confab.example/j/12345678901?pwd=Ab12\n\nMeeting ID: 123 4567 8901\nPasscode: 483920",
            calendar.Events[0]!.Description);
    }

    [Fact]
    public void Every_line_ends_in_crlf_and_fits_75_octets()
    {
        var topic = string.Concat(Enumerable.Repeat("Größe 😀 встреча, planning; ", 12));
        var ics = CalendarExport.ToIcs(Weekly(topic), Stamp);

        Assert.DoesNotContain('\n', ics.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', ics.Replace("\r\n", "", StringComparison.Ordinal));
        var physical = ics.Split("\r\n");
        Assert.All(physical, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 0, MaxOctetsPerLine));
        Assert.Contains(physical, line => line.StartsWith(' ')); // the summary was folded
        Assert.Equal(topic, Calendar.Load(ics)!.Events[0]!.Summary);
    }

    [Fact]
    public void Text_is_escaped()
    {
        var topic = "Plan; budget, Q3\nnext \\ steps";
        var ics = CalendarExport.ToIcs(Weekly(topic), Stamp);

        Assert.Contains(@"SUMMARY:Plan\; budget\, Q3\nnext \\ steps", Lines(ics));
        Assert.Equal(topic, Calendar.Load(ics)!.Events[0]!.Summary);
    }

    public static TheoryData<string, RecurrenceRule, string> Series => new()
    {
        { "weekly Mon/Wed across the March change", new(Type: 2, WeeklyDays: "2,4", EndTimes: 8), "America/New_York" },
        { "daily across the March change", new(Type: 1, EndTimes: 20), "Europe/Berlin" },
        { "monthly last Sunday across the October change", new(Type: 3, MonthlyWeek: -1, MonthlyWeekDay: 1, EndTimes: 12), "Europe/Berlin" },
        { "monthly day 31", new(Type: 3, MonthlyDay: 31, EndTimes: 6), "America/New_York" },
        { "every 2 weeks, until a date", new(Type: 2, RepeatInterval: 2, WeeklyDays: "3,6", EndDateTime: new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)), "America/New_York" },
        { "weekly starting off its days, default end", new(Type: 2, WeeklyDays: "5,7"), "America/New_York" },
        { "daily until a date past the 60 cap", new(Type: 1, EndDateTime: new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)), "UTC" },
        { "daily in Etc/UTC", new(Type: 1, RepeatInterval: 2, EndTimes: 5), "Etc/UTC" },
    };

    [Theory]
    [MemberData(nameof(Series))]
    public void Round_trips_to_the_same_occurrences(string because, RecurrenceRule rule, string zone)
    {
        var entry = Weekly(rule: rule, zone: zone);
        var expected = OccurrenceExpander.Expand(rule, entry.StartTime!.Value, zone, 45, RecurrenceLimits.MaxOccurrences(rule.Type))
            .Select(o => o.StartTime).ToList();

        var parsed = ParsedStarts(CalendarExport.ToIcs(entry, Stamp));

        Assert.True(expected.Count > 1, because);
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Deleted_occurrences_become_exdates()
    {
        var rule = new RecurrenceRule(Type: 2, WeeklyDays: "2,4", EndTimes: 8);
        var all = OccurrenceExpander.Expand(rule, Weekly().StartTime!.Value, "America/New_York", 45, 50);
        var deleted = new[] { all[1].OccurrenceId, all[4].OccurrenceId }; // Wed Mar 4 (EST) and Mon Mar 16 (EDT)

        var ics = CalendarExport.ToIcs(Weekly(rule: rule, deleted: deleted), Stamp);

        var exdates = Lines(ics).Where(l => l.StartsWith("EXDATE", StringComparison.Ordinal)).ToList();
        Assert.Contains("20260304T090000", string.Join(",", exdates));
        Assert.Contains("20260316T090000", string.Join(",", exdates));
        Assert.All(exdates, l => Assert.StartsWith("EXDATE;TZID=America/New_York:", l));
        var expected = all.Where(o => !deleted.Contains(o.OccurrenceId)).Select(o => o.StartTime).ToList();
        Assert.Equal(expected, ParsedStarts(ics));
    }

    [Fact]
    public void Unparseable_deleted_ids_are_ignored()
    {
        var ics = CalendarExport.ToIcs(Weekly(deleted: ["not-a-number", ""]), Stamp);
        Assert.DoesNotContain("EXDATE", ics, StringComparison.Ordinal);
        Assert.Equal(8, ParsedStarts(ics).Count);
    }

    [Fact]
    public void Until_past_the_cap_becomes_count_at_the_cap()
    {
        var rule = new RecurrenceRule(Type: 1, EndDateTime: new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));
        var lines = Lines(CalendarExport.ToIcs(Weekly(rule: rule), Stamp));
        Assert.Contains("RRULE:FREQ=DAILY;COUNT=60", lines);
    }

    [Fact]
    public void Until_within_the_cap_stays_until_in_utc()
    {
        var rule = new RecurrenceRule(Type: 1, EndDateTime: new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero));
        var lines = Lines(CalendarExport.ToIcs(Weekly(rule: rule), Stamp));
        Assert.Contains("RRULE:FREQ=DAILY;UNTIL=20260310T130000Z", lines);
    }

    [Fact]
    public void Scheduled_meeting_has_no_rrule()
    {
        var entry = Weekly() with { Type = MeetingType.Scheduled, Recurrence = null, TimeZoneId = "Europe/Berlin" };
        var ics = CalendarExport.ToIcs(entry, Stamp);

        Assert.Contains("DTSTART;TZID=Europe/Berlin:20260302T150000", Lines(ics));
        Assert.DoesNotContain(EventLines(ics), l => l.StartsWith("RRULE", StringComparison.Ordinal));
        Assert.Equal([entry.StartTime!.Value], ParsedStarts(ics));
    }

    [Fact]
    public void Utc_meeting_uses_utc_times_and_no_vtimezone()
    {
        var entry = Weekly() with { Type = MeetingType.Scheduled, Recurrence = null, TimeZoneId = "UTC" };
        var ics = CalendarExport.ToIcs(entry, Stamp);

        Assert.Contains("DTSTART:20260302T140000Z", Lines(ics));
        Assert.DoesNotContain("VTIMEZONE", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Meeting_without_a_fixed_time_cannot_be_exported()
    {
        var noFixedTime = Weekly() with { Type = MeetingType.RecurringNoFixedTime, StartTime = null };
        Assert.False(CalendarExport.CanExport(noFixedTime));
        Assert.Throws<ArgumentException>(() => CalendarExport.ToIcs(noFixedTime));
        Assert.True(CalendarExport.CanExport(Weekly()));
    }

    [Fact]
    public void Default_stamp_is_now()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var calendar = Calendar.Load(CalendarExport.ToIcs(Weekly()))!;
        var stamp = new DateTimeOffset(calendar.Events[0]!.DtStamp!.AsUtc, TimeSpan.Zero);
        Assert.InRange(stamp, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    private static IEnumerable<string> EventLines(string ics) =>
        Lines(ics).SkipWhile(l => l != "BEGIN:VEVENT").TakeWhile(l => l != "END:VEVENT");

    private static List<DateTimeOffset> ParsedStarts(string ics)
    {
        var calendar = Calendar.Load(ics)!;
        var calendarEvent = Assert.Single(calendar.Events)!;
        return calendarEvent.GetOccurrences(null, null)
            .Take(500)
            .Select(o => new DateTimeOffset(DateTime.SpecifyKind(o.Period.StartTime.AsUtc, DateTimeKind.Utc)))
            .ToList();
    }
}
