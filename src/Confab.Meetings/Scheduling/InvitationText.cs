using System.Globalization;
using System.Text;

namespace Confab.Meetings.Scheduling;

/// <summary>The plain-text invitation a host copies and sends, as Zoom words it.</summary>
/// <remarks>
/// <code>
/// Ada Host is inviting you to a scheduled Confab meeting.
///
/// Topic: Weekly sync
/// Time: Mar 2, 2026 09:00 AM America/New_York
///   Every week on Mon, Wed, until Mar 25, 2026, 8 occurrence(s)
///
/// Join Confab Meeting
/// https://confab.example/j/12345678901
///
/// Meeting ID: 123 4567 8901
/// Passcode: 123456
/// </code>
/// Times are in the meeting's zone, named by its IANA id (the same in every server locale). A recurring series
/// shows its first remaining occurrence, its rule, its last date and how many occurrences remain (deleted ones are
/// not counted). A meeting with no fixed time says so, as Zoom does. Lines end with "\n".
/// </remarks>
public static class InvitationText
{
    private const string Indent = "  ";

    public static string Render(MeetingCalendarEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        text.Append(entry.HostDisplayName).Append(" is inviting you to a scheduled Confab meeting.\n\n");
        text.Append("Topic: ").Append(entry.Topic).Append('\n');
        AppendTime(text, entry);
        text.Append('\n');
        text.Append("Join Confab Meeting\n").Append(entry.JoinUrl).Append("\n\n");
        text.Append("Meeting ID: ").Append(MeetingIdFormat.Group(entry.MeetingId)).Append('\n');
        if (!string.IsNullOrEmpty(entry.Passcode))
        {
            text.Append("Passcode: ").Append(entry.Passcode).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>"Mar 2, 2026 09:00 AM", in English whatever the server's culture.</summary>
    public static string FormatLocal(DateTime local) =>
        local.ToString("MMM d, yyyy hh:mm tt", CultureInfo.InvariantCulture);

    private static void AppendTime(StringBuilder text, MeetingCalendarEntry entry)
    {
        if (entry.Type == MeetingType.RecurringNoFixedTime)
        {
            text.Append("Time: This is a recurring meeting Meet anytime\n");
            return;
        }
        if (entry.StartTime is not { } start)
        {
            return;
        }

        var zone = TimeZones.TryFind(entry.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var zoneName = zone.Id;
        if (entry.Type == MeetingType.RecurringFixedTime && entry.Recurrence is { } rule
            && DescribeSeries(rule, start, zone, entry.DurationMinutes, entry.DeletedOccurrenceIds) is { } series)
        {
            text.Append("Time: ").Append(FormatLocal(series.FirstLocal)).Append(' ').Append(zoneName).Append('\n');
            text.Append(Indent).Append(series.Line).Append('\n');
            return;
        }

        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        text.Append("Time: ").Append(FormatLocal(local)).Append(' ').Append(zoneName).Append('\n');
    }

    private static (DateTime FirstLocal, string Line)? DescribeSeries(
        RecurrenceRule rule, DateTimeOffset start, TimeZoneInfo zone, int duration, IReadOnlyCollection<string> deletedIds)
    {
        if (RecurrenceDescription.Describe(rule) is not { } words)
        {
            return null;
        }

        IReadOnlyList<Occurrence> all;
        try
        {
            all = OccurrenceExpander.Expand(rule, start, zone.Id, duration, RecurrenceLimits.MaxOccurrences(rule.Type));
        }
        catch (ArgumentException)
        {
            return null;
        }

        var deleted = deletedIds ?? [];
        var remaining = all.Where(o => !deleted.Contains(o.OccurrenceId)).ToList();
        if (remaining.Count == 0)
        {
            return null;
        }

        var first = TimeZoneInfo.ConvertTime(remaining[0].StartTime, zone).DateTime;
        var last = TimeZoneInfo.ConvertTime(remaining[^1].StartTime, zone).DateTime;
        var until = last.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
        return (first, $"{words}, until {until}, {remaining.Count} occurrence(s)");
    }
}
