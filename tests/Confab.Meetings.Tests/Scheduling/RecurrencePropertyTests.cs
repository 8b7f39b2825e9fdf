using Confab.Meetings.Scheduling;
using Ical.Net;

namespace Confab.Meetings.Tests.Scheduling;

/// <summary>Random valid series (fixed seed) checked against what the rule means, and against their own export.</summary>
public class RecurrencePropertyTests
{
    private const int Seed = 12345;
    private static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "UTC"];

    [Fact]
    public void Random_series_keep_local_time_match_their_rule_and_respect_the_end()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 300; i++)
        {
            var (rule, start, zoneId) = RandomSeries(random);
            Assert.True(TimeZones.TryFind(zoneId, out var zone));
            var cap = RecurrenceLimits.MaxOccurrences(rule.Type);
            var occurrences = OccurrenceExpander.Expand(rule, start, zoneId, 30, cap);
            var context = $"case {i}: {rule} from {start:O} in {zoneId}";

            Assert.NotEmpty(occurrences);
            Assert.True(occurrences.Count <= cap, context);
            if (rule.EndTimes is { } times)
            {
                Assert.True(occurrences.Count == Math.Min(times, cap), context);
            }
            if (rule.EndDateTime is { } until)
            {
                Assert.All(occurrences, o => Assert.True(o.StartTime <= until, context));
            }

            var requestedLocal = TimeZoneInfo.ConvertTime(start, zone).DateTime;
            DateTimeOffset? previous = null;
            foreach (var occurrence in occurrences)
            {
                var local = TimeZoneInfo.ConvertTime(occurrence.StartTime, zone).DateTime;
                Assert.True(local.TimeOfDay == requestedLocal.TimeOfDay, context + $": {local:O} drifted");
                Assert.True(local.Date >= requestedLocal.Date, context);
                Assert.True(previous is null || occurrence.StartTime > previous, context);
                Assert.True(Matches(rule, local), context + $": {local:O} does not match the rule");
                previous = occurrence.StartTime;
            }
        }
    }

    [Fact]
    public void Random_series_round_trip_through_icalendar()
    {
        var random = new Random(Seed + 1);
        for (var i = 0; i < 60; i++)
        {
            var (rule, start, zoneId) = RandomSeries(random);
            var entry = new MeetingCalendarEntry(
                "12345678901", "Series " + i, null, MeetingType.RecurringFixedTime, start, 30, zoneId,
                "https://confab.example/j/12345678901", null, "Host", rule, []);
            var expected = OccurrenceExpander.Expand(rule, start, zoneId, 30, RecurrenceLimits.MaxOccurrences(rule.Type))
                .Select(o => o.StartTime).ToList();

            var parsed = Calendar.Load(CalendarExport.ToIcs(entry))!.Events[0]!
                .GetOccurrences(null, null).Take(100)
                .Select(o => new DateTimeOffset(DateTime.SpecifyKind(o.Period.StartTime.AsUtc, DateTimeKind.Utc)))
                .ToList();

            Assert.True(expected.SequenceEqual(parsed), $"case {i}: {rule} from {start:O} in {zoneId}");
        }
    }

    /// <summary>A valid Zoom recurrence starting at a whole minute between 06:00 and 22:59 local (clear of DST gaps).</summary>
    private static (RecurrenceRule Rule, DateTimeOffset Start, string Zone) RandomSeries(Random random)
    {
        var zoneId = Zones[random.Next(Zones.Length)];
        Assert.True(TimeZones.TryFind(zoneId, out var zone));
        var local = new DateTime(2026, 1, 1).AddDays(random.Next(0, 365)).AddHours(random.Next(6, 23)).AddMinutes(random.Next(0, 60));
        var start = new DateTimeOffset(local, zone.GetUtcOffset(local));

        var type = random.Next(1, 4);
        var interval = random.Next(1, RecurrenceLimits.MaxInterval(type) + 1);
        string? weeklyDays = null;
        int? monthlyDay = null, monthlyWeek = null, monthlyWeekDay = null;
        if (type == RecurrenceLimits.Weekly)
        {
            weeklyDays = string.Join(",", Enumerable.Range(1, 7).Where(_ => random.Next(2) == 0).DefaultIfEmpty(random.Next(1, 8)));
        }
        else if (type == RecurrenceLimits.Monthly && random.Next(2) == 0)
        {
            monthlyDay = random.Next(1, 32);
        }
        else if (type == RecurrenceLimits.Monthly)
        {
            monthlyWeek = new[] { -1, 1, 2, 3, 4 }[random.Next(5)];
            monthlyWeekDay = random.Next(1, 8);
        }

        int? endTimes = null;
        DateTimeOffset? endDateTime = null;
        switch (random.Next(3))
        {
            case 0:
                endTimes = random.Next(1, RecurrenceLimits.MaxOccurrences(type) + 1);
                break;
            case 1:
                endDateTime = start.AddDays(random.Next(62, 400)); // past the first match, which is at most 61 days away (day 31)
                break;
        }

        var rule = new RecurrenceRule(type, interval, weeklyDays, monthlyDay, monthlyWeek, monthlyWeekDay, endTimes, endDateTime);
        var errors = new FieldErrors();
        RecurrenceValidator.Validate(rule, MeetingType.RecurringFixedTime, errors);
        Assert.True(errors.IsEmpty, rule.ToString());
        return (rule, start, zoneId);
    }

    /// <summary>What each Zoom field means for one local date, written without the calendar engine.</summary>
    private static bool Matches(RecurrenceRule rule, DateTime local)
    {
        switch (rule.Type)
        {
            case RecurrenceLimits.Daily:
                return true;
            case RecurrenceLimits.Weekly:
                var zoomDay = (int)local.DayOfWeek + 1; // 1 = Sunday
                return rule.WeeklyDays!.Split(',').Contains(zoomDay.ToString(System.Globalization.CultureInfo.InvariantCulture));
            default:
                if (rule.MonthlyDay is { } day)
                {
                    return local.Day == day;
                }
                var wantedDay = (DayOfWeek)(rule.MonthlyWeekDay!.Value - 1);
                if (local.DayOfWeek != wantedDay)
                {
                    return false;
                }
                var weekOfMonth = (local.Day - 1) / 7 + 1;
                var isLast = local.Day + 7 > DateTime.DaysInMonth(local.Year, local.Month);
                return rule.MonthlyWeek == -1 ? isLast : weekOfMonth == rule.MonthlyWeek;
        }
    }
}
