using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Confab.Meetings.Scheduling;

/// <summary>RFC 5545 iCalendar export of a meeting, with its recurrence as an RRULE in the meeting's zone.</summary>
/// <remarks>
/// <code>
/// BEGIN:VCALENDAR            METHOD:PUBLISH, PRODID, VERSION:2.0 (RFC 5545 §3.6, RFC 5546 §3.2.1)
///  BEGIN:VTIMEZONE           the meeting's zone with its DST rules (§3.6.5); left out for UTC
///  BEGIN:VEVENT              UID meetingId@confab, DTSTAMP (UTC), DTSTART;TZID=zone:local wall-clock time,
///                            DURATION, SUMMARY (topic), DESCRIPTION (agenda, join URL, meeting ID, passcode),
///                            URL and LOCATION (join URL), RRULE and EXDATE for a type 8 series
/// END:VCALENDAR
/// </code>
/// The serializer writes CRLF line endings, folds lines at 75 octets without splitting a UTF-8 sequence (§3.1)
/// and escapes backslash, semicolon, comma and newline in text values (§3.3.11). The RRULE's DTSTART is the
/// series' first occurrence (see <see cref="RecurringSeries"/>), so calendar programs show exactly the occurrences
/// <see cref="OccurrenceExpander.Expand"/> lists; when an end_date_time would run past Zoom's occurrence cap the
/// RRULE ends with COUNT at the cap instead. Deleted occurrences (by occurrence_id) become EXDATEs.
/// </remarks>
public static class CalendarExport
{
    public const string ProductId = "-//Confab//Confab Meetings//EN";
    public const string UidDomain = "confab";

    /// <summary>True when the meeting has a start time to put in a calendar (meetings with no fixed time do not).</summary>
    public static bool CanExport(MeetingCalendarEntry entry) =>
        entry is not null && entry.StartTime is not null && entry.Type != MeetingType.RecurringNoFixedTime;

    /// <summary>A complete VCALENDAR (CRLF line endings, folded lines) with one VEVENT.</summary>
    /// <exception cref="ArgumentException">The meeting has no fixed start time (see <see cref="CanExport"/>).</exception>
    public static string ToIcs(MeetingCalendarEntry entry) => ToIcs(entry, DateTimeOffset.UtcNow);

    /// <summary>As <see cref="ToIcs(MeetingCalendarEntry)"/> with DTSTAMP set to <paramref name="stamp"/>.</summary>
    public static string ToIcs(MeetingCalendarEntry entry, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!CanExport(entry) || entry.StartTime is not { } start)
        {
            throw new ArgumentException($"Meeting {entry.MeetingId} has no fixed start time, so it cannot be put in a calendar.", nameof(entry));
        }

        // A stored meeting always has a valid zone; should one not, UTC keeps the instants right.
        var zone = TimeZones.TryFind(entry.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var calendarEvent = entry.Type == MeetingType.RecurringFixedTime && entry.Recurrence is { } rule
            ? RecurringEvent(rule, start, zone, entry.DeletedOccurrenceIds)
            : new CalendarEvent { DtStart = RecurringSeries.Local(RecurringSeries.ToLocalWallClock(start, zone), zone) };

        calendarEvent.Uid = $"{entry.MeetingId}@{UidDomain}";
        calendarEvent.DtStamp = new CalDateTime(RecurringSeries.ToLocalWallClock(stamp, TimeZoneInfo.Utc), CalDateTime.UtcTzId);
        calendarEvent.Duration = Duration.FromMinutes(Math.Max(0, entry.DurationMinutes));
        calendarEvent.Summary = entry.Topic;
        calendarEvent.Description = Description(entry);
        calendarEvent.Location = entry.JoinUrl;
        if (Uri.TryCreate(entry.JoinUrl, UriKind.Absolute, out var joinUri))
        {
            calendarEvent.Url = joinUri;
        }

        var calendar = new Calendar { ProductId = ProductId, Method = CalendarMethods.Publish };
        if (!calendarEvent.DtStart!.IsUtc)
        {
            // Transitions from a year before the first start on, enough for any series Zoom allows.
            calendar.AddTimeZone(zone.Id, calendarEvent.DtStart.Value.AddYears(-1), false);
        }
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent RecurringEvent(RecurrenceRule rule, DateTimeOffset start, TimeZoneInfo zone, IReadOnlyCollection<string> deletedIds)
    {
        var series = RecurringSeries.Create(rule, start, zone.Id);
        var cap = RecurrenceLimits.MaxOccurrences(rule.Type);
        if (series.StartsUtc(cap + 1).Count() > cap)
        {
            series.Pattern.Until = null;
            series.Pattern.Count = cap;
        }

        var calendarEvent = series.ToEvent();
        foreach (var id in deletedIds ?? [])
        {
            if (OccurrenceExpander.TryParseOccurrenceId(id, out var deletedStart))
            {
                calendarEvent.ExceptionDates.Add(RecurringSeries.Local(RecurringSeries.ToLocalWallClock(deletedStart, zone), zone));
            }
        }
        return calendarEvent;
    }

    private static string Description(MeetingCalendarEntry entry)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(entry.Agenda))
        {
            text.Append(entry.Agenda.Trim()).Append("\n\n");
        }
        text.Append("Join Confab Meeting\n").Append(entry.JoinUrl).Append("\n\n");
        text.Append("Meeting ID: ").Append(MeetingIdFormat.Group(entry.MeetingId));
        if (!string.IsNullOrEmpty(entry.Passcode))
        {
            text.Append("\nPasscode: ").Append(entry.Passcode);
        }
        return text.ToString();
    }
}
