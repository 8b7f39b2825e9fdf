using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using IcalPattern = Ical.Net.DataTypes.RecurrencePattern;

namespace Confab.Meetings.Scheduling;

/// <summary>
/// A recurring meeting as a calendar engine sees it: a DTSTART in local wall-clock time of an IANA zone plus an
/// RRULE. Shared by the occurrence list and the iCalendar export so both always agree.
/// </summary>
/// <remarks>
/// DTSTART is synchronised with the rule (RFC 5545 §3.8.5.3: "The DTSTART property value SHOULD be synchronized
/// with the recurrence rule"): the first occurrence is the first date at or after the requested start that the
/// rule's days match, ignoring the interval, at the requested local time of day. A weekly series asked to start
/// on a Wednesday for Mondays and Thursdays therefore starts on that Thursday, as Zoom does; the interval counts
/// from there.
/// </remarks>
internal sealed class RecurringSeries
{
    private RecurringSeries(TimeZoneInfo zone, DateTime firstLocalStart, IcalPattern pattern)
    {
        Zone = zone;
        FirstLocalStart = firstLocalStart;
        Pattern = pattern;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The first occurrence's local wall-clock start in <see cref="Zone"/> (Kind Unspecified).</summary>
    public DateTime FirstLocalStart { get; }

    /// <summary>The RRULE, with its interval, COUNT or UNTIL, and WKST.</summary>
    public IcalPattern Pattern { get; }

    /// <exception cref="ArgumentException">Unknown zone, or a rule that cannot be expanded.</exception>
    public static RecurringSeries Create(RecurrenceRule rule, DateTimeOffset requestedStart, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var zone = ResolveZone(timeZoneId);
        var requestedLocal = ToLocalWallClock(requestedStart, zone);

        if (rule.RepeatInterval < 1)
        {
            throw new ArgumentException("repeat_interval must be at least 1.", nameof(rule));
        }

        var firstLocal = FirstMatchingLocalStart(rule, requestedLocal, zone);
        return new RecurringSeries(zone, firstLocal, IcalRecurrence.ToPattern(rule, rule.RepeatInterval, withEnd: true));
    }

    /// <summary>A VEVENT carrying DTSTART and the RRULE (no other properties).</summary>
    public CalendarEvent ToEvent() => new()
    {
        DtStart = Local(FirstLocalStart, Zone),
        RecurrenceRule = Pattern,
    };

    /// <summary>The series' occurrence starts as UTC instants, at most <paramref name="max"/> of them.</summary>
    public IEnumerable<DateTimeOffset> StartsUtc(int max) =>
        ToEvent().GetOccurrences(null, null)
            .Take(Math.Max(0, max))
            .Select(o => new DateTimeOffset(DateTime.SpecifyKind(o.Period.StartTime.AsUtc, DateTimeKind.Utc)));

    public static TimeZoneInfo ResolveZone(string timeZoneId) =>
        TimeZones.TryFind(timeZoneId, out var zone)
            ? zone
            : throw new ArgumentException($"\"{timeZoneId}\" is not a known IANA time zone.", nameof(timeZoneId));

    /// <summary>The wall-clock time in the zone at that instant, to whole seconds (iCalendar's resolution).</summary>
    public static DateTime ToLocalWallClock(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return DateTime.SpecifyKind(local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);
    }

    /// <summary>A zoned DATE-TIME (RFC 5545 §3.3.5 form 3: local time with TZID reference).</summary>
    public static CalDateTime Local(DateTime wallClock, TimeZoneInfo zone) =>
        new(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), zone.Id);

    /// <summary>
    /// Runs the rule with interval 1 and no end from the requested start; its first occurrence's date, at the
    /// requested time of day, is the series' first start. (The time of day is taken from the request, not from the
    /// engine, so a first date whose time falls in a spring-forward gap does not shift every later occurrence.)
    /// </summary>
    private static DateTime FirstMatchingLocalStart(RecurrenceRule rule, DateTime requestedLocal, TimeZoneInfo zone)
    {
        var probe = new CalendarEvent
        {
            DtStart = Local(requestedLocal, zone),
            RecurrenceRule = IcalRecurrence.ToPattern(rule, interval: 1, withEnd: false),
        };

        var first = probe.GetOccurrences(null, null).FirstOrDefault()
            ?? throw new ArgumentException("The recurrence has no occurrence.", nameof(rule));
        var date = first.Period.StartTime.Date;
        return date.ToDateTime(TimeOnly.FromTimeSpan(requestedLocal.TimeOfDay), DateTimeKind.Unspecified);
    }
}
